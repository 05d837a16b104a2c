import { expect, test } from 'vitest'
import { jvmOptions, serverProperties } from '../../../../src/env/local/broker-config.ts'
import { parseProperties } from '../properties.ts'

const props = parseProperties(serverProperties({ broker: 41001, controller: 41002 }, '/tmp/x/data'))

test('test-friendly settings: no rebalance delay, one offsets partition, no auto-create, replication 1', () => {
  expect(props.get('group.initial.rebalance.delay.ms')).toBe('0')
  expect(props.get('offsets.topic.num.partitions')).toBe('1')
  expect(props.get('auto.create.topics.enable')).toBe('false')
  expect(props.get('offsets.topic.replication.factor')).toBe('1')
  expect(props.get('transaction.state.log.replication.factor')).toBe('1')
  expect(props.get('transaction.state.log.min.isr')).toBe('1')
  expect(props.get('share.coordinator.state.topic.replication.factor')).toBe('1')
})

test('one KRaft node on the given ports, advertising the host address, data in the given dir', () => {
  expect(props.get('process.roles')).toBe('broker,controller')
  expect(props.get('node.id')).toBe('1')
  expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:41002')
  expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:41001,CONTROLLER://127.0.0.1:41002')
  expect(props.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:41001')
  expect(props.get('log.dirs')).toBe('/tmp/x/data')
})

test('the text ends with a newline and has no duplicate keys', () => {
  const text = serverProperties({ broker: 1, controller: 2 }, '/d')
  expect(text.endsWith('\n')).toBe(true)
  const keys = text.trim().split('\n').map((l) => l.split('=')[0])
  expect(new Set(keys).size).toBe(keys.length)
})

test('JVM flags: an archive is either used or recorded, never both', () => {
  const use = jvmOptions({ log4jFile: '/l', archive: '/a.jsa' })
  expect(use).toContain('-XX:SharedArchiveFile=/a.jsa')
  expect(use.some((f) => f.startsWith('-XX:ArchiveClassesAtExit'))).toBe(false)
  const record = jvmOptions({ log4jFile: '/l', createArchive: '/b.jsa' })
  expect(record).toContain('-XX:ArchiveClassesAtExit=/b.jsa')
  expect(record.some((f) => f.startsWith('-XX:SharedArchiveFile'))).toBe(false)
  expect(jvmOptions({ log4jFile: '/l' })).toContain('-Dlog4j2.configurationFile=/l')
})

test('JVM flags: C1 only when asked (the nodes of a cluster), both compilers otherwise', () => {
  expect(jvmOptions({ log4jFile: '/l', clientCompilerOnly: true })).toContain('-XX:TieredStopAtLevel=1')
  expect(jvmOptions({ log4jFile: '/l' }).some((f) => f.startsWith('-XX:TieredStopAtLevel'))).toBe(false)
})
