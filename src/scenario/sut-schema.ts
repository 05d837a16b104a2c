import { z } from 'zod'
import { duration } from './duration.ts'
import { DEFAULT_STOP_TIMEOUT_MS } from '../sut/index.ts'
import { exactlyOne, fn, strictObject } from './shape.ts'

/** What an in-process SUT is given (the same values a process SUT gets in its environment). */
export interface SutRunContext {
  brokers: string
  registry: string
  runId: string
  group: string
  /** this instance's index, 0..sut.instances-1 */
  instance: number
  /** logical topic name -> real topic name */
  topics: Record<string, string>
}

/** An in-process SUT: starts, resolves once ready, and returns the function that stops it. */
export type SutRun = (ctx: SutRunContext) => Promise<() => Promise<void> | void>

function compiles(re: string): boolean {
  try {
    new RegExp(re)
    return true
  } catch {
    return false
  }
}

const envValue = z
  .custom<string | number | boolean>((v) => ['string', 'number', 'boolean'].includes(typeof v), {
    error: 'a string (or a number or boolean, passed as text)',
  })
  .transform((v) => String(v))

const readySchema = strictObject({
  /** a regular expression matched against each line of the SUT's stdout and stderr */
  log: z.string().min(1).refine(compiles, { error: 'a valid regular expression' }).optional(),
  /** ready once the SUT's consumer group is stable */
  group: z.literal('stable').optional(),
}).superRefine(exactlyOne(['log', 'group']))

export type ReadySpec = { log: string } | { group: 'stable' }

export type SutSpec =
  | {
      kind: 'process'
      command: string
      args: string[]
      /** absolute; default the scenario's folder */
      cwd?: string
      env: Record<string, string>
      ready?: ReadySpec
      /** how long the SUT may take to become ready, ms (default 30 s) */
      readyTimeout: number
      stopTimeout: number
      /** processes of the command in one consumer group, each with ST_INSTANCE = 0..instances-1 */
      instances: number
    }
  | { kind: 'in-process'; run: SutRun; stopTimeout: number; instances: number }

type SutInput =
  | {
      command: string
      args?: string[]
      cwd?: string
      env?: Record<string, string | number | boolean>
      ready?: { log: string } | { group: 'stable' }
      readyTimeout?: string | number
      stopTimeout?: string | number
      instances?: number
    }
  | { run: SutRun; stopTimeout?: string | number; instances?: number }

/** A command to spawn (any language), or (TS scenarios) an in-process `run` function. */
export const sutSchema = strictObject({
  command: z.string().min(1).optional(),
  args: z.array(z.string()).optional(),
  cwd: z.string().min(1).optional(),
  /** numbers and booleans are written as strings (`PORT: 8080`) */
  env: z.record(z.string(), envValue).optional(),
  ready: readySchema.optional(),
  /** how long the SUT may take to become ready (a JVM app that builds itself on first use needs longer) */
  readyTimeout: duration.default(30_000),
  stopTimeout: duration.default(DEFAULT_STOP_TIMEOUT_MS),
  /** N processes of the same command in one consumer group (ST_INSTANCE = 0..N-1) */
  instances: z.number().int().min(1).default(1),
  run: fn<SutRun>('an in-process SUT').optional(),
})
  .superRefine(exactlyOne(['command', 'run']))
  .superRefine((s, ctx) => {
    if (s.run === undefined) return
    for (const k of ['args', 'cwd', 'env', 'ready'] as const)
      if (s[k] !== undefined)
        ctx.addIssue({ code: 'custom', path: [k], message: `no ${k} for an in-process SUT (run)`, params: { found: k } })
  })
  .transform((s): SutSpec => {
    if (s.run !== undefined) return { kind: 'in-process', run: s.run, stopTimeout: s.stopTimeout, instances: s.instances }
    const out: SutSpec = {
      kind: 'process',
      command: s.command as string,
      args: s.args ?? [],
      env: s.env ?? {},
      readyTimeout: s.readyTimeout,
      stopTimeout: s.stopTimeout,
      instances: s.instances,
    }
    if (s.cwd !== undefined) out.cwd = s.cwd
    if (s.ready !== undefined) out.ready = s.ready as ReadySpec
    return out
  }) as unknown as z.ZodType<SutSpec, SutInput>
