import { Command, CommanderError, Option } from 'commander'
import { StreamTestError } from '../errors.ts'
import type { LogFormat } from '../log.ts'
import { commands } from './commands.ts'
import { typedWords } from './typed-words.ts'
import { packageVersion } from './version.ts'

/** Build the program from the command table: one place declares names, flags and help. */
export function buildProgram(): Command {
  const program = new Command('stream-test')
    .description('Prove stream-processing apps correct against a real Kafka broker')
    .version(packageVersion(), '-V, --version', 'print the version of stream-test (also -v)')
    .addOption(new Option('--log-level <level>', 'harness log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('warn'))
    .addOption(new Option('--log-format <format>', 'log format on stderr').choices(['text', 'json']).default('text'))
    .exitOverride()
    .showHelpAfterError()
  // the logger (pino) and each command's modules load only when a command runs: `--help` stays quick
  program.hook('preAction', async (cmd) => {
    const o = cmd.opts<{ logLevel: string; logFormat: LogFormat }>()
    const { createLogger, setLogger } = await import('../log.ts')
    setLogger(createLogger({ level: o.logLevel, format: o.logFormat }))
  })
  for (const def of commands) {
    const cmd = program.command(def.name).description(def.description)
    for (const a of def.args ?? []) cmd.argument(a.name, a.description)
    for (const o of def.options) {
      const opt = new Option(o.flags, o.description)
      if (o.choices) opt.choices(o.choices)
      if (o.default !== undefined) opt.default(o.default)
      cmd.addOption(opt)
    }
    cmd.action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command
      const positional = args.slice(0, (def.args ?? []).length)
      process.exitCode = await def.run({ args: positional, opts: command.opts(), typed: typedWords(command, positional) })
    })
  }
  return program
}

/** `stream-test -v` is `--version` too (commander's own short flag is -V). */
function withVersionAlias(argv: string[]): string[] {
  return argv[2] === '-v' ? [...argv.slice(0, 2), '--version', ...argv.slice(3)] : argv
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(withVersionAlias(argv))
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2
      return
    }
    if (err instanceof StreamTestError) {
      process.stderr.write(`stream-test: ${err.message}\n`)
      process.exitCode = err.exitCode
      return
    }
    process.stderr.write(`stream-test: internal error: ${(err as Error).stack ?? String(err)}\n`)
    process.exitCode = 3
  }
}

await main(process.argv)
// every resource is stopped by now; exit explicitly so that a stray client handle can never keep a CI
// job waiting (the exit guard still runs and kills anything left)
process.exit()
