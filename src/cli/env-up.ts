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
  run: (input) => import('./actions/env-up.ts').then((m) => m.envUpAction(input)),
}
