import { EnvironmentError, InputError } from '../../errors.ts'
import type { Connection, Environment, KafkaSecurity, RegistryAuth } from '../environment.ts'
import { waitForBroker } from '../wait-for-broker.ts'

export interface ExternalOptions {
  brokers?: string
  registryUrl?: string
  topicPrefix?: string
}

/**
 * Reads the external connection from options, else from the environment:
 * KAFKA_BROKERS, SCHEMA_REGISTRY_URL, KAFKA_SSL=1, KAFKA_SSL_CA (PEM text), KAFKA_SASL_MECHANISM,
 * KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD.
 * Secrets are only ever read here, from the environment, and never logged.
 */
export function externalConnection(opts: ExternalOptions = {}, env: NodeJS.ProcessEnv = process.env): Connection {
  const brokers = (opts.brokers ?? env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean)
  if (brokers.length === 0) {
    throw new InputError('--env external needs bootstrap servers', { expected: '--brokers host:port or KAFKA_BROKERS', found: 'neither' })
  }
  const bad = brokers.find((b) => !/^[^:\s]+:\d+$/.test(b))
  if (bad) throw new InputError(`bad bootstrap server "${bad}"`, { expected: 'host:port' })
  const conn: Connection = { kind: 'external', brokers, registryUrl: opts.registryUrl ?? env.SCHEMA_REGISTRY_URL ?? '' }
  const security = securityFromEnv(env)
  if (security) conn.security = security
  const registryAuth = registryAuthFromEnv(env)
  if (registryAuth) conn.registryAuth = registryAuth
  conn.topicPrefix = opts.topicPrefix ?? env.ST_TOPIC_PREFIX ?? 'st.'
  return conn
}

export function securityFromEnv(env: NodeJS.ProcessEnv): KafkaSecurity | undefined {
  const security: KafkaSecurity = {}
  if (env.KAFKA_SSL === '1' || env.KAFKA_SSL === 'true' || env.KAFKA_SSL_CA) {
    security.ssl = env.KAFKA_SSL_CA ? { ca: env.KAFKA_SSL_CA, rejectUnauthorized: true } : true
  }
  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase()
  if (mechanism) {
    if (mechanism !== 'plain' && mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512') {
      throw new InputError(`unsupported KAFKA_SASL_MECHANISM "${env.KAFKA_SASL_MECHANISM}"`, { expected: 'plain, scram-sha-256 or scram-sha-512' })
    }
    if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) {
      throw new InputError('SASL needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD in the environment')
    }
    security.sasl = { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
  }
  return security.ssl !== undefined || security.sasl ? security : undefined
}

function registryAuthFromEnv(env: NodeJS.ProcessEnv): RegistryAuth | undefined {
  const { SCHEMA_REGISTRY_USERNAME: username, SCHEMA_REGISTRY_PASSWORD: password } = env
  return username && password ? { username, password } : undefined
}

/** `external`: a cluster that is already running; nothing to start or stop. */
export async function startExternalEnvironment(opts: ExternalOptions = {}): Promise<Environment> {
  const connection = externalConnection(opts)
  try {
    await waitForBroker(connection, { warm: false, timeoutMs: 15_000 })
  } catch (err) {
    throw new EnvironmentError(`cannot reach external Kafka at ${connection.brokers.join(',')}: ${(err as Error).message}`, 'ST_EXTERNAL', { cause: err })
  }
  const stop = async (): Promise<void> => undefined
  return { connection, stop, [Symbol.asyncDispose]: stop }
}
