import { EnvironmentError, InputError } from '../errors.ts'
import { log } from '../log.ts'
import { ENV_CHOICES, type EnvChoice, type Environment } from './environment.ts'
import { startExternalEnvironment, type ExternalOptions } from './external/index.ts'
import { startLocalEnvironment } from './local/index.ts'
import { checkNodeCount } from './local/local-cluster.ts'
import type { LocalEnvironmentOptions } from './local/local-environment.ts'

export type StartOptions = { env?: string } & LocalEnvironmentOptions & ExternalOptions

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
  if (opts.nodes !== undefined) checkNodeCount(opts.nodes, '--nodes')
  if (choice === 'auto' && opts.nodes !== undefined && opts.nodes > 1) {
    // only the local environment has several nodes to choose from
    choice = 'local'
  }
  if (choice !== 'auto' && choice !== 'local' && opts.nodes !== undefined) {
    throw new InputError(`--nodes (a local cluster of ${opts.nodes}) does not apply to --env ${choice}`, { expected: `--env local with --nodes, or --env ${choice} without it` })
  }
  if (choice === 'auto') {
    const engine = await probeContainers()
    choice = engine.ok ? 'containers' : 'local'
    log().info({ env: choice }, engine.ok ? 'auto: a container engine answers' : `auto: ${engine.reason}; using local`)
  }
  switch (choice) {
    case 'local':
      return startLocalEnvironment(opts)
    case 'containers':
      return (await loadContainers()).startContainersEnvironment()
    case 'external':
      return startExternalEnvironment(opts)
  }
}

/**
 * testcontainers is an optional dependency, heavy to load: imported only when containers are asked for
 * or probed. Not installed (`npm install --omit=optional`): `containers` says how to get it.
 */
async function loadContainers(): Promise<typeof import('./containers/index.ts')> {
  try {
    return await import('./containers/index.ts')
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code !== 'ERR_MODULE_NOT_FOUND' || !e.message.includes("'testcontainers'")) throw err
    throw new EnvironmentError('--env containers needs testcontainers, an optional dependency that is not installed (npm install testcontainers)', 'ST_ENV_NO_TESTCONTAINERS')
  }
}

/** `auto`: does a container engine answer (and is testcontainers there to drive it)? */
async function probeContainers(): Promise<{ ok: true } | { ok: false; reason: string }> {
  let mod: typeof import('./containers/index.ts')
  try {
    mod = await loadContainers()
  } catch (err) {
    if ((err as EnvironmentError).code !== 'ST_ENV_NO_TESTCONTAINERS') throw err
    return { ok: false, reason: 'testcontainers is not installed' }
  }
  return mod.dockerEngine(2000)
}
