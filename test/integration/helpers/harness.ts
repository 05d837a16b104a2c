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

/** `count` orders (`value.orderId` = order-000...), one a second, keyed over 7 customers. */
export function orderEvents(count: number): { key: string; value: { orderId: string; amount: number }; ts: number }[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `customer-${i % 7}`,
    value: { orderId: `order-${String(i).padStart(3, '0')}`, amount: i },
    ts: 1_700_000_000_000 + i * 1000,
  }))
}

/** An orders -> enriched scenario judged by exactly-once, for a demo app started with `--in`/`--out`. */
export function enricherScenario(o: { name: string; command: string; args: string[]; events: unknown[]; perturb: unknown[]; partitions?: number; instances?: number }) {
  const partitions = o.partitions ?? 2
  return scenario({
    name: o.name,
    topics: { orders: { partitions }, enriched: { partitions } },
    input: [{ topic: 'orders', events: o.events, id: 'value.orderId' }],
    perturb: o.perturb,
    sut: { command: o.command, args: [...o.args, '--in', '{{topics.orders}}', '--out', '{{topics.enriched}}'], ready: { log: 'ready' }, readyTimeout: '5m', instances: o.instances ?? 1 },
    output: [{ topic: 'enriched' }],
    oracles: [{ 'exactly-once': { output: 'enriched' } }],
    timeout: '90s',
  })
}
