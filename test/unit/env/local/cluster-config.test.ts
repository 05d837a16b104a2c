import { describe, expect, test } from 'vitest'
import { checkNodeRole } from '../../../../src/env/cluster/resolve-role.ts'
import { clusterNodeProperties, type ClusterNodeSpec } from '../../../../src/env/local/broker-config.ts'
import { rewriteMeta } from '../../../../src/env/local/cluster-storage.ts'
import { ControllerTracker } from '../../../../src/env/local/controller-tracker.ts'
import { checkNetworkFault, effectOn } from '../../../../src/env/proxy/index.ts'

const parse = (text: string): Record<string, string> => Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))

describe('clusterNodeProperties', () => {
  const nodes: ClusterNodeSpec[] = [1, 2, 3].map((id) => ({ id, roles: 'broker,controller', clientPort: 9000 + id, advertisedPort: 9100 + id, harnessPort: 9200 + id, controllerPort: 9300 + id }))

  test('three combined nodes: static quorum, proxy advertised to clients, replication on the harness listener, RF 3 / min ISR 2', () => {
    const p = parse(clusterNodeProperties(nodes[1]!, nodes, '/d'))
    expect(p).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '2',
      'controller.quorum.voters': '1@127.0.0.1:9301,2@127.0.0.1:9302,3@127.0.0.1:9303',
      listeners: 'CLIENT://127.0.0.1:9002,HARNESS://127.0.0.1:9202,CONTROLLER://127.0.0.1:9302',
      'advertised.listeners': 'CLIENT://127.0.0.1:9102,HARNESS://127.0.0.1:9202',
      'inter.broker.listener.name': 'HARNESS',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'unclean.leader.election.enable': 'false',
      'auto.create.topics.enable': 'false',
    })
  })

  test('a dedicated controller has only the controller listener; its brokers vote nowhere', () => {
    const brokers: ClusterNodeSpec[] = [1, 2, 3].map((id) => ({ id, roles: 'broker', clientPort: 9000 + id, harnessPort: 9200 + id }))
    const all = [...brokers, { id: 4, roles: 'controller' as const, controllerPort: 9304 }]
    const c = parse(clusterNodeProperties(all[3]!, all, '/d'))
    expect(c.listeners).toBe('CONTROLLER://127.0.0.1:9304')
    expect(c['advertised.listeners']).toBeUndefined()
    const b = parse(clusterNodeProperties(all[0]!, all, '/d'))
    expect(b['controller.quorum.voters']).toBe('4@127.0.0.1:9304')
    expect(b['advertised.listeners']).toBe('CLIENT://127.0.0.1:9001,HARNESS://127.0.0.1:9201')
    expect(b['default.replication.factor']).toBe('3')
  })
})

test('rewriteMeta changes node.id and directory.id, nothing else', () => {
  const meta = '#\nnode.id=1\ndirectory.id=AAAA\nversion=1\ncluster.id=XYZ\n'
  expect(rewriteMeta(meta, 3, 'BBBB')).toBe('#\nnode.id=3\ndirectory.id=BBBB\nversion=1\ncluster.id=XYZ\n')
})

describe('ControllerTracker', () => {
  const line = (state: string, epoch: number): string => `[t] INFO [RaftManager id=9] Completed transition to ${state}(localId=9, epoch=${epoch}, x=1) from Y(epoch=0) (org.apache.kafka.raft.QuorumState)`

  test('the leader of the newest epoch is the controller; a newer epoch without a leader forgets the old one', async () => {
    const t = new ControllerTracker()
    t.onLine(1, line('Leader', 1))
    t.onLine(2, line('FollowerState', 1))
    expect(t.current()).toEqual({ id: 1, epoch: 1 })
    t.onLine(2, line('CandidateState', 2))
    expect(t.current()).toBeUndefined()
    const next = t.wait(1000)
    t.onLine(3, line('Leader', 2))
    expect(await next).toBe(3)
    t.onLine(1, line('Leader', 1))
    expect(t.current()).toEqual({ id: 3, epoch: 2 })
  })

  test('wait rejects naming what it waited for', async () => {
    await expect(new ControllerTracker().wait(10)).rejects.toThrow('no KRaft controller leader reported within 10 ms')
  })
})

describe('roles and faults given as data', () => {
  test('checkNodeRole', () => {
    expect(checkNodeRole({ broker: 2 })).toEqual({ broker: 2 })
    expect(checkNodeRole({ role: 'leader', topic: 'orders', partition: 0 })).toEqual({ role: 'leader', topic: 'orders', partition: 0 })
    expect(() => checkNodeRole({ role: 'leader', partition: 0 }, 'kill-broker')).toThrow('kill-broker: role leader needs topic; expected topic: <string>; found nothing')
    expect(() => checkNodeRole({}, 'kill-broker')).toThrow(/kill-broker: no broker chosen/)
  })

  test('checkNetworkFault and effectOn', () => {
    expect(() => checkNetworkFault({ kind: 'delay', ms: -1 })).toThrow(/bad ms/)
    expect(() => checkNetworkFault({ kind: 'one-way' } as never)).toThrow(/one-way needs drop/)
    const faults = [checkNetworkFault({ kind: 'delay', ms: 100 }), checkNetworkFault({ kind: 'delay', ms: 50, direction: 'to-client' }), checkNetworkFault({ kind: 'one-way', drop: 'to-broker' })]
    expect(effectOn(faults, 'to-client')).toEqual({ drop: false, hold: false, delayMs: 150 })
    expect(effectOn(faults, 'to-broker')).toEqual({ drop: true, hold: false, delayMs: 100 })
    expect(effectOn([{ kind: 'stall', direction: 'to-broker' }], 'to-client').hold).toBe(false)
  })
})
