import type { StartupPhase } from './startup-clock.ts'
import type { NetworkFault } from './proxy/network-fault.ts'

/** SASL and TLS settings for an external cluster; secrets come from the environment, never from logs. */
export interface KafkaSecurity {
  ssl?: boolean | { ca?: string; rejectUnauthorized?: boolean }
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string }
}

export interface RegistryAuth {
  username: string
  password: string
}

/** What a client needs to reach the broker and the registry. Plain data, safe to hand to workers. */
export interface Connection {
  kind: EnvKind
  brokers: string[]
  registryUrl: string
  security?: KafkaSecurity
  registryAuth?: RegistryAuth
  /** external clusters: only topics under this prefix may be created or written */
  topicPrefix?: string
  /**
   * Where the SUT bootstraps when it differs from `brokers`: a local environment with proxies gives
   * the harness `brokers` (direct, never faulted) and the SUT these proxy addresses.
   */
  sutBrokers?: string[]
}

export type EnvKind = 'local' | 'containers' | 'external'
export const ENV_CHOICES = ['auto', 'local', 'containers', 'external'] as const
export type EnvChoice = (typeof ENV_CHOICES)[number]

/** A running environment: where the broker and registry are, and how to stop them. */
export interface Environment extends AsyncDisposable {
  readonly connection: Connection
  /** stop everything this environment started; idempotent */
  stop(): Promise<void>
  /** restart the broker in place (same ports, same data), for the `restart-broker` fault step */
  restartBroker?(): Promise<void>
  /** a local environment's nodes, one by one, for the broker fault steps */
  cluster?: ClusterControl
  /** the proxies in front of a local environment's brokers, for the `network` fault step */
  network?: NetworkControl
  /** the steps of a local environment's start, each with its time since the start began */
  readonly startup?: readonly StartupPhase[]
}

/** One KRaft node of a local environment. */
export interface NodeInfo {
  id: number
  roles: 'broker,controller' | 'broker' | 'controller'
  /** what the node is doing as far as the harness made it: kill leaves it `down` until a restart */
  state: 'up' | 'paused' | 'down'
  /** the address the harness reaches it at (brokers only) */
  harnessAddress?: string
  /** the address the SUT reaches it at: its proxy, or the broker itself without proxies (brokers only) */
  sutAddress?: string
  /** the JVM's pid while it runs */
  pid?: number
}

/** Which node a broker step acts on, resolved when the step runs. */
export type NodeRole =
  | { role: 'leader'; topic: string; partition: number }
  | { role: 'group-coordinator'; groupId: string }
  | { role: 'transaction-coordinator'; transactionalId: string }
  | { role: 'controller' }
  | { broker: number }

export interface ClusterControl {
  nodes(): NodeInfo[]
  /** the node id `role` names right now (asks the cluster through the harness's admin client) */
  resolve(role: NodeRole): Promise<number>
  /** SIGKILL the node's JVM; it stays down until `restart` */
  kill(id: number): Promise<void>
  /** SIGSTOP the node's JVM (a GC pause, a frozen VM); `resume`, `kill`, `restart` and `stop` all end it */
  pause(id: number): Promise<void>
  /** SIGCONT a paused node */
  resume(id: number): Promise<void>
  /** stop the node gracefully if it runs, start it again on the same ports and data; resolves when it is back in the cluster */
  restart(id: number): Promise<void>
}

export interface NetworkControl {
  /** node ids that have a proxy in front of them */
  brokers(): number[]
  /** connections the SUT's clients opened through a broker's proxy so far */
  connections(brokerId: number): number
  /**
   * turn `fault` on at one broker's proxy or all; resolves with the function that turns it off. `link`
   * `replication`: at the proxy of the broker's replication listener (what its followers fetch through)
   */
  fault(target: number | 'all', fault: NetworkFault, link?: 'clients' | 'replication'): Promise<() => Promise<void>>
}
