import type { CommandDef } from './command.ts'
import { CONNECTION_OPTIONS } from './connection-flags.ts'

export const record: CommandDef = {
  name: 'record',
  description: 'read a topic (read-only, up to its end offsets at the start) into a JSON Lines fixture',
  options: [
    { flags: '--topic <name>', description: 'the topic to read' },
    ...CONNECTION_OPTIONS,
    { flags: '--from <time>', description: 'start at the first record with a timestamp at or after this (epoch ms or ISO 8601)' },
    { flags: '--to <time>', description: 'stop before the first record with a timestamp after this (epoch ms or ISO 8601)' },
    { flags: '--max <n>', description: 'stop after n records' },
    { flags: '--out <file>', description: 'write the fixture here (default: stdout)' },
  ],
  run: (input) => import('./actions/record.ts').then((m) => m.recordAction(input)),
}
