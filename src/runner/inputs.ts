import { resolve } from 'node:path'
import { InputError } from '../errors.ts'
import { getPath, idText } from '../oracle/correlate.ts'
import type { PlanInput } from '../replay/build-plan.ts'
import type { Scenario } from '../scenario/index.ts'
import { readFixtureAll, type StreamEvent } from '../stream/index.ts'

/** Read every input stream of a scenario (fixture or inline events) into plan inputs. */
export async function loadInputs(scenario: Scenario, file: string): Promise<PlanInput[]> {
  return Promise.all(
    scenario.input.map(async (inp, i): Promise<PlanInput> => {
      const topic = scenario.topics[inp.topic]
      if (!topic) throw new InputError(`input topic "${inp.topic}" is not declared`, { file, path: `input[${i}].topic` })
      let events: StreamEvent[]
      if (inp.fixture !== undefined) events = await readFixtureAll(inp.fixture)
      else if (inp.events !== undefined) events = inp.events
      else throw new InputError('generated input needs the property runner (runProperty), or a --fixture override for this input', { file, path: `input[${i}].generate` })
      const id = inp.id
      const planInput: PlanInput = { topic: inp.topic, partitions: topic.partitions, events }
      if (typeof id === 'function') planInput.idOf = (e) => id(e)
      else if (typeof id === 'string') planInput.idOf = (e) => idText(getPath(e, id))
      return planInput
    }),
  )
}

/**
 * The scenario with the given inputs' events fixed: input i's `generate` (or fixture) is replaced by
 * inline `events`. How the property runner hands generated streams to an ordinary run. Pure.
 */
export function withInputEvents(scenario: Scenario, events: ReadonlyMap<number, readonly StreamEvent[]>): Scenario {
  return replaceSources(scenario, events, (given) => ({ events: [...given] }))
}

/** Which input a `--fixture <input>=<file>` override names: a topic (one input only) or `input[<i>]`. */
export function fixtureInputIndex(scenario: Scenario, name: string, file: string): number {
  const m = /^input\[(\d+)\]$/.exec(name)
  if (m) {
    const i = Number(m[1])
    if (i < scenario.input.length) return i
    throw new InputError(`--fixture names input[${i}], but the scenario has ${scenario.input.length} input(s)`, { file, expected: `input[0] to input[${scenario.input.length - 1}]`, found: name })
  }
  const matches = scenario.input.flatMap((inp, i) => (inp.topic === name ? [i] : []))
  const topics = [...new Set(scenario.input.map((inp) => inp.topic))].join(', ')
  if (matches.length === 0) throw new InputError(`--fixture names topic ${name}, which no input of the scenario writes`, { file, expected: `one of ${topics}`, found: name })
  if (matches.length > 1) {
    throw new InputError(`--fixture ${name}: ${matches.length} inputs write topic ${name}`, { file, expected: matches.map((i) => `input[${i}]`).join(' or '), found: name })
  }
  return matches[0]!
}

/**
 * `--fixture orders=fixtures/regressions/x.jsonl` (repeatable): the named inputs read that fixture
 * instead of their own (generated, inline or fixture) events, so `stream-test run` replays one saved
 * stream. Paths resolve from `cwd`. Pure: returns a new scenario.
 */
export function withInputFixtures(scenario: Scenario, overrides: Readonly<Record<string, string>>, file: string, cwd = process.cwd()): Scenario {
  const byIndex = new Map<number, string>()
  for (const [name, path] of Object.entries(overrides)) byIndex.set(fixtureInputIndex(scenario, name, file), resolve(cwd, path))
  return replaceSources(scenario, byIndex, (path) => ({ fixture: path }))
}

/** One `--fixture` value, `<input>=<file>`, split; an InputError when it has no `=`. */
export function parseFixtureFlag(value: string): [input: string, file: string] {
  const eq = value.indexOf('=')
  if (eq <= 0 || eq === value.length - 1) {
    throw new InputError('bad --fixture value', { expected: '<topic>=<file> or input[<i>]=<file>, e.g. --fixture orders=fixtures/regressions/orders-7.jsonl', found: value })
  }
  return [value.slice(0, eq), value.slice(eq + 1)]
}

/** The scenario with input i's source (fixture, events or generate) replaced by `source(given[i])` where given. */
function replaceSources<T>(scenario: Scenario, given: ReadonlyMap<number, T>, source: (g: T) => { fixture: string } | { events: StreamEvent[] }): Scenario {
  return {
    ...scenario,
    input: scenario.input.map((inp, i) => {
      const g = given.get(i)
      if (g === undefined) return inp
      const { generate: _g, fixture: _f, events: _e, ...rest } = inp
      return { ...rest, ...source(g) }
    }),
  }
}
