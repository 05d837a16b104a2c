import type { Admin } from 'kafkajs'
import { expect, test } from 'vitest'
import { keepHistory } from '../../../src/backfill/keep-history.ts'

const DAY = 24 * 3600 * 1000
const now = 1_800_000_000_000
const events = (ageDays: number) => [{ key: 'a', value: 1, headers: {}, ts: now - ageDays * DAY }, { key: 'b', value: 1, headers: {}, ts: now }]

test('an environment the harness started keeps every record: log.retention.ms = -1 on every broker', async () => {
  const calls: unknown[] = []
  const admin = { describeCluster: async () => ({ brokers: [{ nodeId: 1 }, { nodeId: 2 }] }), alterConfigs: async (req: unknown) => void calls.push(req) } as unknown as Admin
  expect(await keepHistory(admin, 'local', events(400), now)).toBeUndefined()
  expect(calls).toEqual([{ validateOnly: false, resources: ['1', '2'].map((name) => ({ type: 4, name, configEntries: [{ name: 'log.retention.ms', value: '-1' }] })) }])
})

test('an external cluster is left alone; input older than a week gets a warning', async () => {
  const admin = { alterConfigs: async () => expect.fail('must not reconfigure an external cluster') } as unknown as Admin
  expect(await keepHistory(admin, 'external', events(6), now)).toBeUndefined()
  expect(await keepHistory(admin, 'external', events(30), now)).toMatch(/^warning: the oldest input event is 30 days old; .*retention/)
})
