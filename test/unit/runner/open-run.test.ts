import type { Admin, Kafka, Producer } from 'kafkajs'
import { expect, test } from 'vitest'
import { openRun } from '../../../src/runner/open-run.ts'

/**
 * The run's cleanup, on clients that record what was asked of them: which clients a run connects and
 * disconnects and which topics it deletes is the run's own logic, not Kafka behaviour (the integration
 * tests of the runner, the vitest face and backfill run it on the real broker).
 */
function recordingKafka(o: { connect?: () => Promise<void>; createTopics?: () => Promise<boolean> } = {}) {
  const calls: string[] = []
  const admin = {
    connect: o.connect ?? (async () => void calls.push('admin.connect')),
    disconnect: async () => void calls.push('admin.disconnect'),
    createTopics: async (req: { topics: { topic: string }[] }) => {
      calls.push(`createTopics ${req.topics.map((t) => t.topic).join(',')}`)
      return (o.createTopics ?? (async () => true))()
    },
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({ topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader: 1 }] })) }),
    fetchTopicOffsets: async () => [],
    deleteTopics: async (req: { topics: string[] }) => void calls.push(`deleteTopics ${req.topics.join(',')}`),
  }
  const producer = {
    connect: async () => void calls.push('producer.connect'),
    disconnect: async () => void calls.push('producer.disconnect'),
  }
  const kafka = { admin: () => admin as unknown as Admin, producer: () => producer as unknown as Producer } as unknown as Kafka
  return { kafka, calls }
}

test('disposing twice cleans up once: faults ended, owned things stopped, topics deleted, admin disconnected', async () => {
  const { kafka, calls } = recordingKafka()
  const run = await openRun(kafka, { runId: 'r1' })
  await run.createTopics([{ name: 'in', partitions: 1 }])
  await run.producer()
  run.own('SUT', 'sut', async () => void calls.push('sut.stop'))
  await run.ongoing.start('broker 1 down', async () => void calls.push('broker 1 back'))

  const first = run[Symbol.asyncDispose]()
  const second = run[Symbol.asyncDispose]()
  await Promise.all([first, second])
  await run[Symbol.asyncDispose]()

  expect(calls).toEqual([
    'admin.connect',
    'createTopics st.r1.in',
    'producer.connect',
    // the fault ends before anything else: the next run shares the environment
    'broker 1 back',
    'producer.disconnect',
    'sut.stop',
    'deleteTopics st.r1.in',
    'admin.disconnect',
  ])
  expect(run.disposed).toBe(true)
})

test('a failed open leaves no admin behind', async () => {
  const { kafka, calls } = recordingKafka({ connect: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:1')) })
  await expect(openRun(kafka, { runId: 'r2' })).rejects.toThrow('ECONNREFUSED')
  expect(calls).toEqual(['admin.disconnect'])
})

test('a failed topic creation: the run still deletes what it asked for and disconnects, once', async () => {
  const { kafka, calls } = recordingKafka({ createTopics: () => Promise.reject(new Error('INVALID_REPLICATION_FACTOR')) })
  {
    await using run = await openRun(kafka, { runId: 'r3' })
    await expect(run.createTopics([{ name: 'in', partitions: 1 }, { name: 'out', partitions: 2 }])).rejects.toThrow(/could not create topics st\.r3\.in, st\.r3\.out/)
  }
  expect(calls).toEqual(['admin.connect', 'createTopics st.r3.in,st.r3.out', 'deleteTopics st.r3.in,st.r3.out', 'admin.disconnect'])
})

test('a cleanup step that fails does not stop the others, and dispose does not throw', async () => {
  const { kafka, calls } = recordingKafka()
  const run = await openRun(kafka, { runId: 'r4', keepTopics: true })
  await run.createTopics([{ name: 'in', partitions: 1 }])
  await run.ongoing.start('network', () => Promise.reject(new Error('proxy gone')))
  run.own('collector', null, () => Promise.reject(new Error('already closed')))
  run.own('SUT', null, async () => void calls.push('sut.stop'))
  await expect(run[Symbol.asyncDispose]()).resolves.toBeUndefined()
  // keepTopics: nothing deleted
  expect(calls.slice(2)).toEqual(['sut.stop', 'admin.disconnect'])
})

test('nothing starts on a run that has ended', async () => {
  const { kafka } = recordingKafka()
  const run = await openRun(kafka, { runId: 'r5' })
  await run[Symbol.asyncDispose]()
  expect(() => run.producer()).toThrow('cannot start a producer: run r5 has ended')
  await expect(run.createTopics([{ name: 'x', partitions: 1 }])).rejects.toThrow('cannot create topics: run r5 has ended')
})
