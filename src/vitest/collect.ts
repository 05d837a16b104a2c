import { setTimeout as pause } from 'node:timers/promises'
import { startCollector, waitQuiescent, type CollectedTopic } from '../collect/index.ts'
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
 * group has committed everything replay() produced, and nothing new arrived for `settle` ms. Without a
 * SUT (no group), only the quiet period counts.
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
      } else {
        await waitQuiet(() => collector.lastArrival(), settleMs, timeoutMs, topic.name)
      }
    } catch (err) {
      await collector.stop()
      throw err
    }
    const [collected] = await collector.stop()
    return collected as CollectedTopic
  }
}

async function waitQuiet(lastArrival: () => number, settleMs: number, timeoutMs: number, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const quietFor = Date.now() - lastArrival()
    if (quietFor >= settleMs) return
    if (Date.now() >= deadline) throw new EnvironmentError(`${name}: records still arriving after ${timeoutMs} ms (waited for ${settleMs} ms without one)`, 'ST_NOT_QUIESCENT')
    await pause(settleMs - quietFor)
  }
}
