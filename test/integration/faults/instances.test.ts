import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { runSweep } from '../../../src/runner/sweep.ts'
import { enricherScenario, orderEvents, sharedHarness } from '../helpers/harness.ts'

/**
 * DESIGN.md section 10 on the real broker: SUT instances in one group, a pause that makes a zombie (with
 * eviction, so the partitions move while it sleeps), a kill whose members are evicted at once, and
 * scaling. The KafkaJS transactional enricher (one transactional id per instance, no group metadata in
 * its offset commits) is caught duplicating under the zombie; the Java KIP-447 app is fenced and passes.
 */
const events = orderEvents(60)

const app = (command: string, args: string[], perturb: unknown[], instances: number, name: string, partitions = 3) =>
  enricherScenario({ name, command, args, events, perturb, instances, partitions })

/**
 * Two partitions for two instances: each instance owns one and is inside its own batch when the pause
 * fires, so whichever instance the step pauses holds an open transaction and is a zombie. With three
 * partitions the step paused, one run in two, an instance that had already committed its only batch and
 * sat idle: no zombie, and the run showed nothing either way (docs/faults.md, "Zombies").
 */
const ZOMBIE_PARTITIONS = 2

const ZOMBIE = [{ 'pause-sut': { after: '50%', for: '10s', evict: true } }]

let h: Harness
beforeAll(async () => {
  h = await sharedHarness()
})
afterAll(() => h.close())

// The KafkaJS zombie is caught when the survivor has taken the partitions over before the zombie wakes; on
// two partitions the busy survivor notices the rebalance after its own commit (~0.2 s; 20 of 20 seeds
// caught in one run each, docs/faults.md). The sweep of up to 5 runs stays as a margin.
test('a paused, evicted kafkajs transactional instance wakes as a zombie and commits again: duplicated (sweep of up to 5 from seed 7)', async () => {
  const { scenario: s, file } = app('node', ['../fixtures/apps/enricher/transactional.mjs', '--work-ms', '200'], ZOMBIE, 2, 'kafkajs zombie', ZOMBIE_PARTITIONS)
  const r = await runSweep(h, s, file, { seed: 7, runs: 5 })
  expect(r.error).toBeUndefined()
  expect(r.crashes).toHaveLength(1)
  const pause = r.crashes[0]
  expect(pause).toMatchObject({ kind: 'pause-sut', trigger: 'output-visible', evicted: { members: 1 } })
  expect(pause?.pausedMs).toBeGreaterThanOrEqual(10_000)
  expect([...new Set(r.violations.map((v) => v.kind))]).toEqual(['duplicated'])
  // the zombie's instance is named in the SUT output of a failing run
  expect(r.sutOutput.some((l) => /^\[[01]\] /.test(l))).toBe(true)
}, 300_000)

test.each([7, 8])('the Java KIP-447 app is fenced when the same zombie wakes: pass (seed %i)', async (seed) => {
  const { scenario: s, file } = app('../fixtures/apps/eos-java/run.sh', ['transactional', '--work-ms', '20'], ZOMBIE, 2, 'java zombie', ZOMBIE_PARTITIONS)
  const r = await runScenario(h, s, file, { seed })
  expect(r.error).toBeUndefined()
  expect(r.crashes[0]).toMatchObject({ kind: 'pause-sut', evicted: { members: 1 } })
  expect(r.violations).toEqual([])
  expect(r.verdict).toBe('pass')
}, 300_000)

test('a killed instance of the Java app on client-default sessions is evicted, and the run scales 2 -> 3 -> 1: pass', async () => {
  const perturb = [{ 'crash-sut': { after: '30%' } }, { 'scale-sut': { after: '50%', to: 3 } }, { 'scale-sut': { after: '80%', to: 1 } }]
  const { scenario: s, file } = app('../fixtures/apps/eos-java/run.sh', ['transactional'], perturb, 2, 'java kill and scale')
  const r = await runScenario(h, s, file, { seed: 7 })
  expect(r.error).toBeUndefined()
  expect(r.crashes.map((c) => c.kind)).toEqual(['crash-sut', 'scale-sut', 'scale-sut'])
  expect(r.crashes[0]?.evicted?.members).toBe(1)
  expect(r.crashes.slice(1).map((c) => c.scaled)).toEqual([{ from: 2, to: 3 }, { from: 3, to: 1 }])
  expect(r.violations).toEqual([])
}, 300_000)
