import { InputError } from '../errors.ts'
import { log } from '../log.ts'
import { ENV_CHOICES, type EnvChoice, type Environment } from './environment.ts'
import { startExternalEnvironment, type ExternalOptions } from './external/index.ts'
import { startLocalEnvironment } from './local/index.ts'
import type { LocalKafkaOptions } from './local/local-kafka.ts'

export type StartOptions = { env?: string } & LocalKafkaOptions & ExternalOptions

export function parseEnvChoice(value: string | undefined): EnvChoice {
  const v = value ?? process.env.STREAM_TEST_ENV ?? 'auto'
  if (!(ENV_CHOICES as readonly string[]).includes(v)) {
    throw new InputError(`unknown environment "${v}"`, { expected: ENV_CHOICES.join(' | '), found: v })
  }
  return v as EnvChoice
}

/** Boot (or attach to) the environment asked for; `auto` = containers when Docker answers, else local. */
export async function startEnvironment(opts: StartOptions = {}): Promise<Environment> {
  let choice = parseEnvChoice(opts.env)
  // testcontainers is heavy to load: only when containers are asked for or probed
  const containers = (): Promise<typeof import('./containers/index.ts')> => import('./containers/index.ts')
  if (choice === 'auto') {
    const { dockerEngine } = await containers()
    const engine = await dockerEngine(2000)
    choice = engine.ok ? 'containers' : 'local'
    log().info({ env: choice }, engine.ok ? 'auto: a container engine answers' : `auto: ${engine.reason}; using local`)
  }
  switch (choice) {
    case 'local':
      return startLocalEnvironment(opts)
    case 'containers':
      return (await containers()).startContainersEnvironment()
    case 'external':
      return startExternalEnvironment(opts)
  }
}
