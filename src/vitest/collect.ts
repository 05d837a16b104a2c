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
          admin: await run.admin(),
          groupId: group,
          inputTopics,
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
 * The collector started after the records were written: wait until it has read them. read_uncommitted
 * is done when, per partition, it has read the record just below the end offset; or, after `settleMs`
 * without a new record, up to two offsets below it (the end of a transactional log holds markers). The
 * committed view is done when it holds as many records (no aborted ones), or after twice `settleMs`.
 */
async function waitDrained(collector: Collector, admin: Admin, name: string, settleMs: number, timeoutMs: number): Promise<void> {
  const ends = (await admin.fetchTopicOffsets(name)).map((p) => ({ partition: p.partition, high: Number(p.high) }))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const [view] = collector.snapshot()
    const uncommitted = view?.uncommitted ?? []
    const committed = view?.committed.length ?? 0
    const last = new Map<number, number>()
    for (const r of uncommitted) last.set(r.partition, Math.max(last.get(r.partition) ?? -1, Number(r.offset)))
    const behind = (slack: number): boolean => ends.some((e) => e.high > 0 && (last.get(e.partition) ?? -1) + 1 + slack < e.high)
    const quietFor = Date.now() - collector.lastArrival()
    const readAll = !behind(0) || (!behind(2) && quietFor >= settleMs)
    if (readAll && (committed >= uncommitted.length || quietFor >= 2 * settleMs)) return
    if (Date.now() >= deadline) {
      const total = ends.reduce((n, e) => n + e.high, 0)
      throw new EnvironmentError(`${name}: read ${uncommitted.length} records (${committed} committed) of ${total} offsets after ${timeoutMs} ms`, 'ST_NOT_QUIESCENT')
    }
    await pause(readAll ? Math.max(10, 2 * settleMs - quietFor) : 20)
  }
}
