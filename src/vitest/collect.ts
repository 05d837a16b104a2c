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
      const inputTopics = group === undefined ? [] : run.inputsOf(group)
      if (group !== undefined && inputTopics.length > 0) {
        await waitQuiescent({
          admin: run.admin,
          groupId: group,
          inputTopics,
          lastArrival: () => collector.lastArrival(),
          settleMs,
          timeoutMs,
          abort: () => run.sutDied,
        })
      }
      await waitDrained(collector, run.admin, topic.name, timeoutMs)
    } catch (err) {
      await collector.stop()
      throw err
    }
    const [collected] = await collector.stop()
    return collected as CollectedTopic
  }
}

/**
 * The collector started after the records were written: wait until both its readers have read every
 * partition to its stable end (markers and aborted records included), with no transaction left open.
 */
async function waitDrained(collector: Collector, admin: Admin, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const behind = await collector.behind(admin)
    if (behind.length === 0) return
    if (Date.now() >= deadline) throw new EnvironmentError(`${name}: not read to its stable end after ${timeoutMs} ms: ${behind.join(', ')}`, 'ST_NOT_QUIESCENT')
    await pause(20)
  }
}
