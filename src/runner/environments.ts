import type { EnvChoice, Environment } from '../env/index.ts'
import { EnvironmentError, InputError } from '../errors.ts'
import { BROKER_STEPS, type FaultKind } from '../perturb/index.ts'
import { log } from '../log.ts'
import type { Scenario } from '../scenario/index.ts'
import { environmentNeeds } from '../scenario/index.ts'
import { openHarness, type Harness } from './harness.ts'

/** Starts a local environment of `nodes` KRaft nodes with proxies (injected: the CLI's and the tests' own). */
export type StartCluster = (nodes: number) => Promise<Environment>

/**
 * The environments of one `stream-test run`: the one it was started with, and — for scenarios that
 * need broker controls or more nodes than it has (`environment: { nodes: 3 }`, a broker or network
 * step) — a local cluster per node count, started on first need and shared by the scenarios that need
 * it. Every one is stopped by `close`, also on Ctrl-C (each environment registers its own exit hooks).
 */
export interface Environments {
  /** the harness for this scenario's needs */
  harnessFor(scenario: Scenario): Promise<Harness>
  close(): Promise<void>
}

/** Does `env` give what a scenario with these needs asks for? */
export function satisfies(env: Environment, needs: { nodes: number; cluster: boolean }): boolean {
  if (!needs.cluster) return true
  const brokers = env.cluster?.nodes().filter((n) => n.roles !== 'controller').length ?? 0
  return brokers >= needs.nodes && env.network !== undefined
}

/**
 * Refuses, before any broker starts, a scenario whose needs an `external` or `containers` environment
 * cannot meet: brokers there are not ours to kill or restart, and no proxy sits in front of them.
 */
export function checkEnvironmentNeeds(loaded: readonly { file: string; scenario: Scenario }[], choice: EnvChoice): void {
  if (choice !== 'external' && choice !== 'containers') return
  const problems = loaded.flatMap(({ file, scenario }) => {
    const needs = environmentNeeds(scenario)
    // a restart of the whole broker needs a broker the harness runs, as much as a cluster step does
    if (!needs.cluster && scenario.perturb.some((p) => p.kind === 'restart-broker')) {
      return [`${file}: its restart-broker step needs a local environment (a broker the harness runs); --env ${choice} has none`]
    }
    if (!needs.cluster) return []
    const step = scenario.perturb.find((p) => BROKER_STEPS.has(p.kind as FaultKind))
    const what = step ? `its ${step.kind} step` : `environment: { nodes: ${needs.nodes} }`
    return [`${file}: ${what} needs a local environment (brokers the harness runs, behind its proxies); --env ${choice} has none`]
  })
  if (problems.length > 0) throw new InputError(problems.length === 1 ? (problems[0] as string) : `${problems.length} scenarios need a local environment:\n${problems.join('\n')}`, { expected: '--env local (or auto), or leave these scenarios out with --filter' })
}

/**
 * A shared environment's nodes are all up again before the next scenario gets it. A run ends its own
 * faults (a node that cannot come back fails that run); should a node still be down or paused, it is
 * restarted here once, and if that fails too the environment is broken: every later scenario that needs
 * it ends in the same error at once, instead of running on a cluster short of a broker.
 */
export function nodesUp(env: Environment): () => Promise<void> {
  let broken: EnvironmentError | undefined
  return async () => {
    if (broken) throw broken
    const cluster = env.cluster
    if (!cluster) return
    for (const node of cluster.nodes().filter((n) => n.state !== 'up')) {
      log().warn({ node: node.id, state: node.state }, `node ${node.id} is ${node.state} between scenarios; restarting it`)
      try {
        await cluster.restart(node.id)
      } catch (err) {
        broken = new EnvironmentError(`the shared environment is broken: node ${node.id} was ${node.state} after a scenario and could not be restarted (${(err as Error).message})`, 'ST_ENV_BROKEN', { cause: err })
        throw broken
      }
    }
  }
}

export async function openEnvironments(main: Environment, startCluster: StartCluster): Promise<Environments> {
  const mainHarness = await openHarness(main)
  const mainUp = nodesUp(main)
  const clusters = new Map<number, Promise<{ env: Environment; harness: Harness; up: () => Promise<void> }>>()
  return {
    async harnessFor(scenario) {
      const needs = environmentNeeds(scenario)
      if (satisfies(main, needs)) {
        await mainUp()
        return mainHarness
      }
      let entry = clusters.get(needs.nodes)
      if (!entry) {
        log().info({ nodes: needs.nodes }, `starting a local cluster of ${needs.nodes} node(s) with proxies for "${scenario.name}"`)
        entry = startCluster(needs.nodes).then(async (env) => ({ env, harness: await openHarness(env), up: nodesUp(env) }))
        clusters.set(needs.nodes, entry)
      }
      const { harness, up } = await entry
      await up()
      return harness
    },
    async close() {
      const all = await Promise.allSettled(clusters.values())
      await Promise.allSettled(all.flatMap((r) => (r.status === 'fulfilled' ? [r.value.harness.close().finally(() => r.value.env.stop())] : [])))
      await mainHarness.close()
    },
  }
}
