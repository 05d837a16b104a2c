import { mkdirSync, writeFileSync } from 'node:fs'
import { expect } from 'vitest'
import type { Violation } from '../../../src/oracle/violation.ts'
import { expectedWindows } from '../../../src/oracle/windows/index.ts'
import type { ProduceOp } from '../../../src/replay/plan.ts'
import { buildPlan } from '../../../src/replay/build-plan.ts'
import type { Harness } from '../../../src/runner/harness.ts'
import { loadInputs } from '../../../src/runner/inputs.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { toOracleWindowSpec, type Scenario } from '../../../src/scenario/index.ts'
import { determinedShare, streamTopics, type SeededStream } from './modes.ts'

/**
 * The differential tests' settings from the environment: ST_WINDOW_STREAMS (default 2, for CI) streams
 * per mode starting at seed ST_WINDOW_SEED (default 1), in batches of ST_WINDOW_BATCH (default 10);
 * ST_WINDOW_MODES filters modes by a regex.
 */
export const STREAMS = Number(process.env.ST_WINDOW_STREAMS ?? 2)
export const FIRST_SEED = Number(process.env.ST_WINDOW_SEED ?? 1)
export const BATCH = Number(process.env.ST_WINDOW_BATCH ?? 10)
export const modeFilter = new RegExp(process.env.ST_WINDOW_MODES ?? '.')

/** The seeds of a mode, in batches of BATCH. */
export function seedBatches(): number[][] {
  const out: number[][] = []
  for (let first = FIRST_SEED; first < FIRST_SEED + STREAMS; first += BATCH) {
    out.push(Array.from({ length: Math.min(BATCH, FIRST_SEED + STREAMS - first) }, (_, i) => first + i))
  }
  return out
}

/** One stream's windows: how many the profile judges (determined) of how many it knows. */
export interface StreamShare {
  seed: number
  determined: number
  total: number
}

/** A batch's streams (stream i on events<i> -> counts<i>) as one scenario run by one app start. */
export interface Batch {
  /** the mode's name, for messages */
  name: string
  /** the saved disagreeing stream is test-output/windows-differential/<tag>-<seed>.jsonl */
  tag: string
  streams: SeededStream[]
  scenario: Scenario
  file: string
}

/**
 * Runs one batch through one app start. Each stream's windows and violations are its own (its oracle
 * has `input: events<i>`); every violation is a disagreement, pushed to `disagreements` with its seed,
 * and the stream is saved for replay. Returns each stream's determined share.
 */
export async function runBatch(h: Harness, b: Batch, disagreements: string[]): Promise<StreamShare[]> {
  const seeds = b.streams.map((s) => s.seed)
  const planSeed = seeds[0] ?? FIRST_SEED
  const r = await runScenario(h, b.scenario, b.file, { seed: planSeed })
  expect(r.error, `${b.name} streams ${seeds.join(', ')}: ${r.sutOutput.join('\n')}`).toBeUndefined()

  const plan = buildPlan(await loadInputs(b.scenario, b.file), [], planSeed)
  const claimed = new Set<Violation>()
  const shares = b.streams.map(({ seed, events }, i): StreamShare => {
    const { input } = streamTopics(i)
    const oracle = b.scenario.oracles.find((o) => o.kind === 'windows' && o.input === input)
    if (oracle?.kind !== 'windows') throw new Error(`the scenario has no windows oracle for ${input}`)
    const ops = plan.ops.filter((op): op is ProduceOp => op.kind === 'produce' && op.topic === input)
    const share = determinedShare(expectedWindows(ops, toOracleWindowSpec(oracle, b.scenario)))

    // judge.ts names the input of an oracle with `input:` at the start of each message
    const own = r.violations.filter((v) => v.message.startsWith(`input ${input}: `))
    if (own.length > 0) {
      const dir = 'test-output/windows-differential'
      mkdirSync(dir, { recursive: true })
      const at = `${dir}/${b.tag}-${seed}.jsonl`
      writeFileSync(at, events.map((e) => JSON.stringify(e)).join('\n') + '\n')
      for (const v of own) {
        claimed.add(v)
        disagreements.push(`stream ${seed} (${at}): ${v.kind} ${v.message}`)
      }
    }
    return { seed, ...share }
  })
  for (const v of r.violations) if (!claimed.has(v)) disagreements.push(`streams ${seeds.join(', ')} (no stream named): ${v.kind} ${v.message}`)
  return shares
}

/** determined / total as a percent with two decimals, '-' when there is nothing. */
export function percent(s: { determined: number; total: number }): string {
  return s.total > 0 ? ((100 * s.determined) / s.total).toFixed(2) : '-'
}
