import type { CommandDef } from './command.ts'
import { ENVIRONMENT_OPTIONS } from './connection-flags.ts'

export const backfill: CommandDef = {
  name: 'backfill',
  description:
    'replay recorded input through a new SUT and diff its output per key (last value per key) against a baseline; ' +
    'the source cluster is only ever read. Exit 0: same per key; 1: keys differ; 2: bad flags; 3: environment error',
  options: [
    { flags: '--dry-run', description: 'required: run the new SUT on a separate environment, never on the source' },
    { flags: '--input <fixture>', description: 'input: a JSON Lines fixture (e.g. from stream-test record)' },
    { flags: '--source-topic <name>', description: 'input: a topic on the source cluster, read-only up to its end offsets at the start' },
    { flags: '--source-brokers <list>', description: 'the source cluster for --source-topic / --baseline-topic (SASL/TLS from KAFKA_SASL_* / KAFKA_SSL*)' },
    { flags: '--source-registry <url>', description: 'schema registry of the source cluster, to decode registry-encoded values' },
    { flags: '--from <time|offset>', description: 'first record of --source-topic: epoch ms or ISO 8601 time, offset:<n> or offset:<p>=<n>,<p>=<n> (inclusive)' },
    { flags: '--to <time|offset>', description: 'last record of --source-topic, same forms as --from (inclusive)' },
    { flags: '--sut <command>', description: "the new SUT as one quoted command line, e.g. 'node app.mjs --in {{topics.in}} --out {{topics.out}}' (env ST_TOPIC_IN/ST_TOPIC_OUT, ST_GROUP_ID, KAFKA_BROKERS); paths from the current folder" },
    { flags: '--scenario <file>', description: "reuse a scenario's topics, SUT, timeout and settle (not its inputs, perturbations or oracles); --sut replaces its SUT" },
    { flags: '--output <name>', description: 'with --scenario: the output topic to diff (default: its only one)' },
    { flags: '--ready <regex>', description: "a line the SUTs print when ready (default: when their consumer group is stable)" },
    { flags: '--baseline <fixture>', description: 'baseline: a recorded output fixture' },
    { flags: '--baseline-topic <name>', description: 'baseline: an output topic on the source cluster, read-only (over the --from/--to time range; whole with offset bounds)' },
    { flags: '--baseline-sut <command>', description: 'baseline: the old SUT, run side by side on the same input in the same dry-run' },
    { flags: '--env <kind>', description: 'where the SUTs run: local (a fresh broker, default), containers, or external with --shadow-prefix (never the source cluster: checked by cluster id)', choices: ['local', 'containers', 'external'], default: 'local' },
    ...ENVIRONMENT_OPTIONS,
    { flags: '--shadow-prefix <prefix>', description: 'external: every topic and group of the dry-run is named <prefix><runId>.<name>' },
    { flags: '--key <path>', description: 'what a key is: key, value.<field> or headers.<name>', default: 'key' },
    { flags: '--partitions <n>', description: 'without --scenario: partitions of the output topic (default: as the input; the input topic gets the source topic\'s count)' },
    { flags: '--value-format <format>', description: 'without --scenario: value format of input and output', choices: ['json', 'string', 'bytes'], default: 'json' },
    { flags: '--timeout <ms>', description: 'how long the SUTs may take to catch up after the replay', default: '120000' },
    { flags: '--settle <ms>', description: 'no output for this long (and no lag) = caught up', default: '500' },
    { flags: '--reporter <kind>', description: 'report format', choices: ['console', 'json'], default: 'console' },
    { flags: '--out <file>', description: 'write the report to a file instead of stdout' },
    { flags: '--limit <n>', description: 'console: keys listed per section before "… N more"', default: '20' },
    { flags: '--keep-topics', description: 'do not delete the dry-run topics afterwards' },
  ],
  run: (input) => import('./actions/backfill.ts').then((m) => m.backfillAction(input)),
}
