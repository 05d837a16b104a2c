import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { loadScenario, type Scenario } from '../../../src/scenario/index.ts'

/** Write `files` (relative name -> content) into a fresh temp folder; returns the folder. */
export async function tempFiles(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'st-scenario-'))
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), content)
  }
  return dir
}

/** 1-based number of the line that carries the `# <-` (or `// <-`) marker. */
export function markedLine(text: string): number {
  const i = text.split('\n').findIndex((l) => l.includes('<-'))
  if (i < 0) throw new Error(`no "<-" marker in:\n${text}`)
  return i + 1
}

export interface Sections {
  name?: string
  topics?: string
  input?: string
  perturb?: string
  sut?: string
  output?: string
  oracles?: string
  tail?: string
}

/** A valid scenario, with any section replaced (each section is the YAML text after its key line). */
export function scenarioYaml(s: Sections = {}): string {
  const parts = [
    `name: ${s.name ?? 'table case'}`,
    `topics:\n${s.topics ?? '  orders: { partitions: 3 }\n  enriched: { partitions: 3 }'}`,
    `input:\n${s.input ?? '  - topic: orders\n    fixture: orders.jsonl'}`,
    `perturb:\n${s.perturb ?? '  - reorder: { within: 5s }'}`,
    s.sut === '' ? '' : `sut:\n${s.sut ?? '  command: node\n  args: [app.mjs]'}`,
    `output:\n${s.output ?? '  - topic: enriched'}`,
    `oracles:\n${s.oracles ?? '  - exactly-once: { output: enriched }'}`,
    s.tail ?? '',
  ]
  return `${parts.filter((p) => p !== '').join('\n')}\n`
}

export const ORDERS_FIXTURE =
  '{"key":"c1","value":{"orderId":"o1","amount":3},"headers":{},"ts":1700000000000}\n' +
  '{"key":"c2","value":{"orderId":"o2","amount":4},"headers":{},"ts":1700000001000}\n'

/** An orders -> out scenario around fault steps: `perturb` lines start at line 9; `tail` adds top-level keys. */
export function faultScenario(o: { perturb: string; sut?: string; tail?: string }): string {
  return `name: faults
topics:
  orders: { partitions: 3 }
  out: {}
input:
  - topic: orders
    fixture: orders.jsonl
perturb:
${o.perturb}
sut: ${o.sut ?? '{ command: node }'}
output: [{ topic: out }]
oracles:
  - exactly-once: { output: out }
${o.tail ?? ''}`
}

/** `yaml` written as x.scenario.yaml next to the orders fixture: its path, and its load under way. */
export async function loadWithOrders(yaml: string): Promise<{ file: string; loading: Promise<Scenario> }> {
  const dir = await tempFiles({ 'orders.jsonl': ORDERS_FIXTURE, 'x.scenario.yaml': yaml })
  const file = join(dir, 'x.scenario.yaml')
  return { file, loading: loadScenario(file) }
}

/** Why `yaml` is refused: an InputError (exit 2), its message with the temp path shown as x.scenario.yaml. */
export async function refusal(yaml: string): Promise<string> {
  const { file, loading } = await loadWithOrders(yaml)
  const err = await loading.then(() => undefined, (e: unknown) => e)
  if (!(err instanceof InputError)) throw new Error(`expected an InputError, got ${String(err)}`)
  expect(err.exitCode).toBe(2)
  return err.message.replaceAll(file, 'x.scenario.yaml')
}
