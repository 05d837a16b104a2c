import { setTimeout as pause } from 'node:timers/promises'
import type { Admin } from 'kafkajs'
import { startCollector, waitQuiescent, type CollectedTopic, type Collector } from '../collect/index.ts'
import { EnvironmentError } from '../errors.ts'
import { resolveTopic } from './streams.ts'
import type { TestRun, TopicHandle } from './test-run.ts'

export interface CollectOptions {
  /** quiet for this long (ms) after the SUT caught up; default 300 */
  settle?: number
  /** give up after this long (ms), naming the lag per partition; default 30000 */
  timeout?: number
  /** the consumer group whose lag must reach 0 on the replayed topics; default the last SUT's group */
  group?: string
}

export type Collect = (topic: TopicHandle | string, options?: CollectOptions) => Promise<CollectedTopic>

/**
 * The `collect` fixture: read a topic from the start at both isolation levels until quiescent: the SUT's
 * group has committed everything replay() produced and nothing new arrived for `settle` ms (without a
 * SUT, this step is skipped); then until the reader has read what the topic holds (see waitDrained).
 */
export function createCollect(run: TestRun): Collect {
  return async (topicArg, options = {}) => {
    const topic = resolveTopic(run, topicArg)
    const settleMs = options.settle ?? 300
    const timeoutMs = options.timeout ?? 30_000
    const collector = await startCollector(run.kafka, run.collectorGroup(), [{ topic: topic.topic, name: topic.name, format: topic.format }], run.registry())
    try {
      const group = options.group ?? run.latestGroup()
      if (group !== undefined && run.inputs.size > 0) {
        await waitQuiescent({
          admin: await run.admin(),
          groupId: group,
          inputTopics: [...run.inputs],
          lastArrival: () => collector.lastArrival(),
          settleMs,
          timeoutMs,
          abort: () => run.sutDied,
        })
      }
      await waitDrained(collector, await run.admin(), topic.name, settleMs, timeoutMs)
    } catch (err) {
      await collector.stop()
      throw err
    }
    const [collected] = await collector.stop()
    return collected as CollectedTopic
  }
}

/**
 * The collector started after the records were written: wait until it has read them. Done when it holds
 * as many records, at both isolation levels, as the partitions' end offsets add up to (exact for
 * non-transactional topics), or,
 * for topics whose offsets also count transaction markers, once it has read some and then nothing new
 * for `settleMs`.
 */
async function waitDrained(collector: Collector, admin: Admin, name: string, settleMs: number, timeoutMs: number): Promise<void> {
  const total = (await admin.fetchTopicOffsets(name)).reduce((n, p) => n + Number(p.high), 0)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const [view] = collector.snapshot()
    const committed = view?.committed.length ?? 0
    const read = view?.uncommitted.length ?? 0
    if (read >= total && committed >= total) return
    const quietFor = Date.now() - collector.lastArrival()
    // transactional: markers take offsets, so counts stay below `total`; both readers must have read some
    if (read > 0 && (committed > 0 || quietFor >= 2 * settleMs) && quietFor >= settleMs) return
    if (Date.now() >= deadline) {
      throw new EnvironmentError(`${name}: read ${read} records (${committed} committed) of ${total} offsets after ${timeoutMs} ms`, 'ST_NOT_QUIESCENT')
    }
    await pause(read > 0 ? Math.max(10, settleMs - quietFor) : 20)
  }
}
