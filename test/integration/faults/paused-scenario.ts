import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** pid -> { state letter (T: stopped), command name } of every live process whose environment holds `marker`. */
export function markedProcesses(marker: string): Map<number, { state: string; comm: string }> {
  const out = new Map<number, { state: string; comm: string }>()
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue
    try {
      if (!readFileSync(`/proc/${p}/environ`, 'utf8').includes(marker)) continue
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (state !== 'Z' && state !== 'X') out.set(Number(p), { state, comm })
    } catch {
      // it ended while we looked
    }
  }
  return out
}

/** A scenario whose SUT (two at-least-once enricher instances, `marker` in their environment) has one instance paused for 10 minutes after 10 %. */
export function pausedScenarioYaml(name: string, marker: string): string {
  return `name: ${name}
topics:
  orders: { partitions: 2, value: json }
  enriched: { partitions: 2, value: json }
input:
  - topic: orders
    fixture: ${resolve('fixtures/streams/orders.jsonl')}
    id: value.orderId
perturb:
  - pause-sut: { after: 10%, for: 10m, on: offset-committed }
sut:
  command: node
  args: [${resolve('fixtures/apps/enricher/at-least-once.mjs')}, --in, "{{topics.orders}}", --out, "{{topics.enriched}}"]
  env: { ${marker}: "1" }
  ready: { log: ready }
  instances: 2
output:
  - topic: enriched
oracles:
  - exactly-once: { output: enriched }
`
}
