import { describe, expect, it } from 'vitest'
import type { ClusterControl, Environment, NodeInfo } from '../../../src/env/index.ts'
import { EnvironmentError } from '../../../src/errors.ts'
import { nodesUp } from '../../../src/runner/environments.ts'

/** A cluster control over plain node states: restart brings a node up, or fails for the ids in `stuck`. */
function fakeCluster(states: NodeInfo['state'][], stuck: number[] = []): { env: Environment; restarts: number[] } {
  const nodes: NodeInfo[] = states.map((state, id) => ({ id, roles: 'broker,controller', state }))
  const restarts: number[] = []
  const cluster: ClusterControl = {
    nodes: () => nodes.map((n) => ({ ...n })),
    resolve: async () => 0,
    kill: async () => undefined,
    pause: async () => undefined,
    resume: async () => undefined,
    restart: async (id) => {
      restarts.push(id)
      if (stuck.includes(id)) throw new Error(`node ${id} exited with code 1 before it started`)
      ;(nodes[id] as NodeInfo).state = 'up'
    },
  }
  return { env: { cluster } as unknown as Environment, restarts }
}

describe('nodesUp: a shared environment has every node up before the next scenario', () => {
  it('does nothing when every node is up, and for an environment without nodes', async () => {
    const { env, restarts } = fakeCluster(['up', 'up', 'up'])
    await nodesUp(env)()
    expect(restarts).toEqual([])
    await nodesUp({} as Environment)()
  })

  it('restarts a node left down or paused', async () => {
    const { env, restarts } = fakeCluster(['up', 'down', 'paused'])
    await nodesUp(env)()
    expect(restarts).toEqual([1, 2])
  })

  it('a node that cannot restart breaks the environment: that scenario and every later one get the reason', async () => {
    const { env, restarts } = fakeCluster(['up', 'down', 'up'], [1])
    const up = nodesUp(env)
    const first = await up().catch((err: unknown) => err)
    expect(first).toBeInstanceOf(EnvironmentError)
    expect((first as EnvironmentError).code).toBe('ST_ENV_BROKEN')
    expect((first as Error).message).toBe('the shared environment is broken: node 1 was down after a scenario and could not be restarted (node 1 exited with code 1 before it started)')
    // no second attempt: later scenarios fail at once with the same error
    await expect(up()).rejects.toBe(first)
    expect(restarts).toEqual([1])
  })
})
