import type { CommandDef } from './command.ts'
import { backfill } from './backfill.ts'
import { envUp } from './env-up.ts'
import { record } from './record.ts'
import { replay } from './replay.ts'
import { run } from './run.ts'

/** Every command of the CLI, in help order. */
export const commands: CommandDef[] = [run, record, replay, backfill, envUp]
