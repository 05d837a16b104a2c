import type { OptionDef } from './command.ts'

/**
 * The connection flags, declared once for every command (data only: the help loads nothing heavy).
 * record and replay talk to a cluster; env up, run and backfill start an environment with --env, and
 * each connection flag there belongs to one kind of environment (checked by environmentStart).
 */
export const BROKERS_OPTION: OptionDef = { flags: '--brokers <list>', description: 'bootstrap servers host:port[,host:port] (default: KAFKA_BROKERS)' }
export const REGISTRY_OPTION: OptionDef = { flags: '--registry <url>', description: 'schema registry URL (default: SCHEMA_REGISTRY_URL)' }
export const PORT_OPTION: OptionDef = { flags: '--port <port>', description: 'broker port (default: a free one)' }
export const NODES_OPTION: OptionDef = { flags: '--nodes <n>', description: 'a cluster of n KRaft nodes behind proxies (default 1); env up prints the proxies as KAFKA_BROKERS' }

/** `--env` of env up and run (backfill has its own: it defaults to local). */
export const ENV_OPTION: OptionDef = { flags: '--env <kind>', description: 'auto | local | containers | external (default: STREAM_TEST_ENV or auto)' }

/** The kind of environment each connection flag is for; `key` is commander's name for it. */
export const FLAG_KINDS = [
  { key: 'port', flag: '--port', kind: 'local', option: PORT_OPTION },
  { key: 'nodes', flag: '--nodes', kind: 'local', option: NODES_OPTION },
  { key: 'brokers', flag: '--brokers', kind: 'external', option: BROKERS_OPTION },
  { key: 'registry', flag: '--registry', kind: 'external', option: REGISTRY_OPTION },
] as const

/** For commands that talk to a cluster directly (record, replay). */
export const CONNECTION_OPTIONS: OptionDef[] = [BROKERS_OPTION, REGISTRY_OPTION]

/** The connection flags of commands that start an environment (after their --env), each marked with its kind. */
export const ENVIRONMENT_OPTIONS: OptionDef[] = FLAG_KINDS.map(({ kind, option }) => ({ ...option, description: `${kind}: ${option.description}` }))
