import { resolve } from 'node:path'
import { inject } from 'vitest'
import type { Environment } from '../../../src/env/index.ts'
import { openHarness, type Harness } from '../../../src/runner/harness.ts'
import { parseScenario, type Scenario } from '../../../src/scenario/index.ts'

/** The global broker as an Environment the runner can use; stopping it is the global setup's job. */
export function sharedEnvironment(): Environment {
  const connection = inject('kafka')
  const stop = async (): Promise<void> => undefined
  return { connection, stop, [Symbol.asyncDispose]: stop }
}

export function sharedHarness(): Promise<Harness> {
  return openHarness(sharedEnvironment())
}

/** A scenario object validated as if it were `scenarios/<name>.scenario.yaml` (paths resolve from scenarios/). */
export function scenario(raw: Record<string, unknown>, name = 'inline'): { scenario: Scenario; file: string } {
  const file = resolve('scenarios', `${name}.scenario.yaml`)
  return { scenario: parseScenario(raw, { file }), file }
}
