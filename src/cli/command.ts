export interface CommandInput {
  args: unknown[]
  opts: Record<string, unknown>
  /** the arguments and the flags given on the command line, as words (typedWords): what repeats this command */
  typed?: string[]
}

/** One flag of a command: commander's flags syntax, the help line, and optionally choices and a default. */
export interface OptionDef {
  flags: string
  description: string
  choices?: string[]
  default?: string | boolean | string[]
}

/** A CLI command, declared as data: the help text and the parser both come from it. */
export interface CommandDef {
  name: string
  description: string
  args?: { name: string; description: string }[]
  options: OptionDef[]
  /** returns the exit code; imports the command's module on first use, so `--help` loads none of them */
  run(input: CommandInput): Promise<number>
}
