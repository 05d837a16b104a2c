import { describe, expect, it } from 'vitest'
import { startupFailure } from '../../../../src/env/local/jvm-process.ts'

describe('startupFailure: why a JVM died, from its last lines', () => {
  it('names the exception line and leaves the stack frames out of the last output', () => {
    const lines = [
      '[2026-12-04 18:24:01,120] INFO [BrokerServer id=3] Transition from STARTING to STARTED',
      '[2026-12-04 18:24:01,130] ERROR [BrokerServer id=3] Fatal error during broker startup. Prepare to shutdown',
      'org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:21941: Address already in use.',
      '\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:733) ~[kafka_2.13-4.4.0.jar:?]',
      '\tat kafka.network.SocketServer.$anonfun$enableRequestProcessing$2(SocketServer.scala:196) ~[kafka_2.13-4.4.0.jar:?]',
      '\t... 6 more',
    ]
    const { reason, last } = startupFailure(lines)
    expect(reason).toBe('org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:21941: Address already in use.')
    expect(last.split('\n')).toEqual(lines.slice(0, 3))
  })

  it('has no reason when nothing names an error', () => {
    expect(startupFailure(['starting', 'still starting'])).toEqual({ reason: undefined, last: 'starting\nstill starting' })
    expect(startupFailure([])).toEqual({ reason: undefined, last: '' })
  })
})
