import type { Admin } from 'kafkajs'
import type { Connection, EnvChoice } from '../env/environment.ts'
import { externalConnection } from '../env/external/index.ts'
import { parseEnvChoice, type StartOptions } from '../env/start-environment.ts'
import { EnvironmentError, InputError } from '../errors.ts'
import { checkNodeCount } from '../env/local/local-cluster.ts'
import { FLAG_KINDS } from './connection-flags.ts'
import { intOption } from './options.ts'

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

/**
 * What to start for `--env` and the connection flags (env up, run, backfill). A flag for another kind
 * of environment than the one chosen is bad input (exit 2), never silently ignored.
 */
export function environmentStart(opts: Record<string, unknown>): StartOptions & { env: EnvChoice } {
  const env = parseEnvChoice(typeof opts.env === 'string' ? opts.env : undefined)
  for (const { key, flag, kind } of FLAG_KINDS) {
    if (opts[key] === undefined || env === kind) continue
    const chosen = typeof opts.env === 'string' ? `--env ${env}` : `${env} (from STREAM_TEST_ENV or the default)`
    throw new InputError(`${flag} is for --env ${kind}, but the environment is ${chosen}`, { expected: `--env ${kind} with ${flag}, or no ${flag}` })
  }
  const port = opts.port === undefined ? undefined : Number(opts.port)
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new InputError(`bad --port "${String(opts.port)}"`, { expected: 'an integer port 1-65535' })
  }
  const nodes = intOption(opts.nodes, '--nodes')
  if (nodes !== undefined) checkNodeCount(nodes, '--nodes')
  return {
    env,
    ...(port !== undefined ? { port } : {}),
    ...(nodes !== undefined ? { nodes } : {}),
    ...(typeof opts.brokers === 'string' ? { brokers: opts.brokers } : {}),
    ...(typeof opts.registry === 'string' ? { registryUrl: opts.registry } : {}),
  }
}
