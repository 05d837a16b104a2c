export interface CommandInput {
  args: unknown[]
  opts: Record<string, unknown>
}

/** A CLI command, declared as data: the help text and the parser both come from it. */
export interface CommandDef {
  name: string
  description: string
  args?: { name: string; description: string }[]
  options: { flags: string; description: string; choices?: string[]; default?: string | boolean | string[] }[]
  /** returns the exit code; imports the command's module on first use, so `--help` loads none of them */
  run(input: CommandInput): Promise<number>
}
