import type { Admin } from 'kafkajs'
import type { EnvKind } from '../env/environment.ts'
import type { StreamEvent } from '../stream/event.ts'

const WEEK_MS = 7 * 24 * 3600 * 1000
/** kafkajs ConfigResourceTypes.BROKER (its CommonJS enum is not a named ESM export under plain Node) */
const BROKER = 4

/**
 * A backfill replays history with its original timestamps, and a broker deletes records whose
 * timestamps are older than its retention (7 days by default), even in a topic created a second ago,
 * at its next retention check: the new SUT would miss input. On an environment the harness started
 * itself (local, containers) every broker's default becomes "keep forever" (a dynamic broker config,
 * for every topic without its own retention). An external cluster is not the harness's to reconfigure: say
 * when the input is older than the usual retention. Returns the warning, if any.
 */
export async function keepHistory(admin: Admin, kind: EnvKind, events: readonly StreamEvent[], now = Date.now()): Promise<string | undefined> {
  if (kind !== 'external') {
    // per broker: KafkaJS refuses the empty name that would address the cluster-wide default
    const { brokers } = await admin.describeCluster()
    await admin.alterConfigs({
      validateOnly: false,
      resources: brokers.map((b) => ({ type: BROKER, name: String(b.nodeId), configEntries: [{ name: 'log.retention.ms', value: '-1' }] })),
    })
    return undefined
  }
  let oldest = Number.POSITIVE_INFINITY
  for (const e of events) if (e.ts < oldest) oldest = e.ts
  if (!(now - oldest > WEEK_MS)) return undefined
  const days = Math.floor((now - oldest) / (24 * 3600 * 1000))
  return `warning: the oldest input event is ${days} days old; the external cluster deletes records older than its retention (log.retention.ms, 7 days by default) at its next check, so the SUTs may miss input (set retention.ms=-1 for topics under the shadow prefix)`
}
