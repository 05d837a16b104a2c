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
}
