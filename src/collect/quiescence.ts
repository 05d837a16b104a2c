import { setTimeout as pause } from 'node:timers/promises'
import type { Admin } from 'kafkajs'
import { isRetriable } from '../env/retriable.ts'
import { EnvironmentError } from '../errors.ts'

export interface QuiescenceOptions {
  admin: Admin
  /** the SUT's consumer group */
  groupId: string
  /** real input topic names */
  inputTopics: string[]
  /** ms timestamp of the last output record the collector saw */
  lastArrival: () => number
  settleMs: number
  timeoutMs: number
  /** output partitions the collector has not read to their stable end, or that hold an open transaction (empty: none) */
  outputsBehind?: () => Promise<string[]>
  /** polled each round: a reason to stop waiting (the SUT died), or undefined */
  abort?: () => Error | undefined
  pollMs?: number
}

export interface Lag {
  topic: string
  partition: number
  committed: number
  end: number
}

/** Per input partition: the group's committed offset against the end offset. */
export async function groupLag(admin: Admin, groupId: string, topics: string[]): Promise<Lag[]> {
  const [ends, committed] = await Promise.all([
    Promise.all(topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) }))),
    admin.fetchOffsets({ groupId, topics }),
  ])
  const lags: Lag[] = []
  for (const { topic, offsets } of ends) {
    const group = committed.find((c) => c.topic === topic)
    for (const p of offsets) {
      const c = Number(group?.partitions.find((g) => g.partition === p.partition)?.offset ?? -1)
      lags.push({ topic, partition: p.partition, committed: Math.max(c, 0), end: Number(p.high) })
    }
  }
  return lags
}

/**
 * DESIGN.md "quiescent": the group's committed offsets equal the end offsets of every input partition,
 * the collector has read every output partition to its stable end with no transaction left open there
 * (a killed instance's open transaction is aborted by the broker only after its timeout; a reader
 * behind a leader change is still catching up), and no output arrived for `settleMs`. Waits on that condition (polling the broker), never on a fixed
 * sleep; on timeout the error names the lag per partition.
 */
export async function waitQuiescent(opts: QuiescenceOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs
  const poll = opts.pollMs ?? 50
  let lags: Lag[] = []
  let outputs: string[] = []
  let transient: string | undefined
  for (;;) {
    const aborted = opts.abort?.()
    if (aborted) throw aborted
    try {
      lags = await groupLag(opts.admin, opts.groupId, opts.inputTopics)
      outputs = lags.every((l) => l.committed >= l.end) && opts.outputsBehind ? await opts.outputsBehind() : []
      transient = undefined
    } catch (err) {
      // a coordinator loading after a broker came back, a leader being elected: ask again next round
      if (!isRetriable(err)) throw err
      transient = (err as Error).message
      if (Date.now() >= deadline) break
      await pause(poll)
      continue
    }
    const caughtUp = lags.every((l) => l.committed >= l.end) && outputs.length === 0
    const quietFor = Date.now() - opts.lastArrival()
    if (caughtUp && quietFor >= opts.settleMs) return
    if (Date.now() >= deadline) break
    await pause(caughtUp ? Math.max(poll, opts.settleMs - quietFor) : poll)
  }
  const behind = lags.filter((l) => l.committed < l.end)
  if (transient !== undefined) throw new EnvironmentError(`SUT not quiescent after ${opts.timeoutMs} ms: group ${opts.groupId}: the broker kept answering: ${transient}`, 'ST_NOT_QUIESCENT')
  const detail = behind.length
    ? behind.map((l) => `${l.topic}[${l.partition}] committed ${l.committed} of ${l.end} (lag ${l.end - l.committed})`).join(', ')
    : outputs.length
      ? `lag 0 but outputs not settled: ${outputs.join(', ')}`
      : `lag 0 but output still arriving within the last ${opts.settleMs} ms`
  throw new EnvironmentError(`SUT not quiescent after ${opts.timeoutMs} ms: group ${opts.groupId}: ${detail}`, 'ST_NOT_QUIESCENT')
}
