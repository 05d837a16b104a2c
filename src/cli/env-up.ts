import type { CommandDef } from './command.ts'
import { ENV_OPTION, ENVIRONMENT_OPTIONS } from './connection-flags.ts'

export const envUp: CommandDef = {
  name: 'env',
  description: 'env up: boot the environment, print its connection, stay up until Ctrl-C',
  args: [{ name: '<action>', description: 'up' }],
  options: [
    ENV_OPTION,
    ...ENVIRONMENT_OPTIONS,
    { flags: '--json', description: 'print one JSON line instead of KEY=value lines' },
  ],
  run: (input) => import('./actions/env-up.ts').then((m) => m.envUpAction(input)),
}
