import { startEnvironment } from '../../env/index.ts'
import { InputError } from '../../errors.ts'
import type { CommandInput } from '../command.ts'
import { environmentStart } from '../connection-option.ts'


export async function envUpAction({ args, opts }: CommandInput): Promise<number> {
  if (args[0] !== 'up') throw new InputError(`unknown env action "${String(args[0])}"`, { expected: 'up' })
  const env = await startEnvironment(environmentStart(opts))
  const { registryUrl, kind } = env.connection
  // what a SUT should use: the proxies when there are any
  const brokers = env.connection.sutBrokers ?? env.connection.brokers
  if (opts.json) process.stdout.write(`${JSON.stringify({ env: kind, KAFKA_BROKERS: brokers.join(','), SCHEMA_REGISTRY_URL: registryUrl })}\n`)
  else process.stdout.write(`KAFKA_BROKERS=${brokers.join(',')}\nSCHEMA_REGISTRY_URL=${registryUrl}\n`)
  await new Promise<void>((resolve) => {
    const done = (): void => resolve()
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await env.stop()
  return 0
}
