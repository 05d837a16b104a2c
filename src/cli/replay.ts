import { VALUE_FORMATS } from '../kafka/index.ts'
import type { CommandDef } from './command.ts'
import { CONNECTION_OPTIONS } from './connection-flags.ts'

export const replay: CommandDef = {
  name: 'replay',
  description: 'produce a fixture to a topic, perturbed and paced, in plan order per partition',
  args: [{ name: '<fixture>', description: 'JSON Lines fixture (or kcat -J output)' }],
  options: [
    { flags: '--topic <name>', description: 'the topic to produce to (it must exist)' },
    ...CONNECTION_OPTIONS,
    { flags: '--seed <n>', description: 'seed for --perturb (default: random, printed)' },
    { flags: '--perturb <spec>', description: 'e.g. reorder:within=5s,duplicate:rate=0.1:copies=2 (no fault steps here)' },
    { flags: '--pace <pace>', description: 'max, realtime or x<factor> (x10: ten times faster than event time)', default: 'max' },
    { flags: '--value-format <format>', description: 'how values are serialized', choices: [...VALUE_FORMATS], default: 'json' },
    { flags: '--schema <file>', description: 'schema for registry formats (Avro .avsc, JSON Schema, .proto), registered as <topic>-value' },
    { flags: '--id <path>', description: 'event id path, e.g. value.orderId (default: the st-id header, else assigned)' },
  ],
  run: (input) => import('./actions/replay.ts').then((m) => m.replayAction(input)),
}
