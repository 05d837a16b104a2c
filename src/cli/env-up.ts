import { startEnvironment } from '../env/index.ts'
import { InputError } from '../errors.ts'
import type { CommandDef } from './command.ts'

export const envUp: CommandDef = {
  name: 'env',
  description: 'env up: boot the environment, print its connection, stay up until Ctrl-C',
  args: [{ name: '<action>', description: 'up' }],
  options: [
    { flags: '--env <kind>', description: 'auto | local | containers | external (default: STREAM_TEST_ENV or auto)' },
    { flags: '--port <port>', description: 'local: broker port (default: a free one)' },
    { flags: '--brokers <list>', description: 'external: bootstrap servers (default: KAFKA_BROKERS)' },
    { flags: '--registry <url>', description: 'external: schema registry URL (default: SCHEMA_REGISTRY_URL)' },
    { flags: '--json', description: 'print one JSON line instead of KEY=value lines' },
  ],
  async run({ args, opts }) {
    if (args[0] !== 'up') throw new InputError(`unknown env action "${String(args[0])}"`, { expected: 'up' })
    const port = opts.port === undefined ? undefined : Number(opts.port)
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new InputError(`bad --port "${String(opts.port)}"`, { expected: 'an integer port 1-65535' })
    }
    const env = await startEnvironment({
      ...(typeof opts.env === 'string' ? { env: opts.env } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(typeof opts.brokers === 'string' ? { brokers: opts.brokers } : {}),
      ...(typeof opts.registry === 'string' ? { registryUrl: opts.registry } : {}),
    })
    const { brokers, registryUrl, kind } = env.connection
    if (opts.json) process.stdout.write(`${JSON.stringify({ env: kind, KAFKA_BROKERS: brokers.join(','), SCHEMA_REGISTRY_URL: registryUrl })}\n`)
    else process.stdout.write(`KAFKA_BROKERS=${brokers.join(',')}\nSCHEMA_REGISTRY_URL=${registryUrl}\n`)
    await new Promise<void>((resolve) => {
      const done = (): void => resolve()
      process.once('SIGINT', done)
      process.once('SIGTERM', done)
    })
    await env.stop()
    return 0
  },
}
