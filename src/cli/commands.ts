import type { CommandDef } from './command.ts'
import { envUp } from './env-up.ts'

/** Every command of the CLI, in help order. */
export const commands: CommandDef[] = [envUp]
