import type { Admin } from 'kafkajs'
import type { Connection } from '../env/environment.ts'
import { externalConnection } from '../env/external/index.ts'
import { EnvironmentError, InputError } from '../errors.ts'

/**
 * The cluster a command talks to: `--brokers` else KAFKA_BROKERS, `--registry` else SCHEMA_REGISTRY_URL
 * (may be empty), SASL/TLS from the environment as for `--env external`.
 */
export function connectionOption(opts: Record<string, unknown>, command: string, env: NodeJS.ProcessEnv = process.env): Connection {
  const brokers = typeof opts.brokers === 'string' ? opts.brokers : env.KAFKA_BROKERS
  if (!brokers?.trim()) {
    throw new InputError(`${command} needs a Kafka broker`, { expected: '--brokers host:port[,host:port] or KAFKA_BROKERS in the environment', found: 'neither' })
  }
  const registryUrl = typeof opts.registry === 'string' ? opts.registry : env.SCHEMA_REGISTRY_URL
  return externalConnection({ brokers, ...(registryUrl ? { registryUrl } : {}) }, env)
}

/** Connect an admin client; an unreachable cluster is an environment error (exit 3) naming the brokers. */
export async function connectAdmin(admin: Admin, conn: Connection): Promise<void> {
  try {
    await admin.connect()
  } catch (err) {
    throw new EnvironmentError(`cannot reach Kafka at ${conn.brokers.join(',')}: ${(err as Error).message}`, 'ST_CONNECT', { cause: err })
  }
}
