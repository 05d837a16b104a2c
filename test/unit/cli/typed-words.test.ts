import { Command, Option } from 'commander'
import { expect, test } from 'vitest'
import { typedWords, withoutFlag } from '../../../src/cli/typed-words.ts'

/** A `run`-like command; returns the words its action saw. */
function typed(argv: string[], env: Record<string, string> = {}): string[] {
  let words: string[] = []
  const cmd = new Command('run')
    .argument('<paths...>')
    .addOption(new Option('--seed <n>'))
    .addOption(new Option('--reporter <kind>').default('console'))
    .addOption(new Option('--filter <pattern>'))
    .addOption(new Option('--brokers <list>').env('ST_TEST_BROKERS'))
    .addOption(new Option('--keep-topics'))
    .addOption(new Option('--fixture <input=file...>'))
    .exitOverride()
    .action((paths: string[], _opts: unknown, c: Command) => {
      words = typedWords(c, [paths])
    })
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    cmd.parse(argv, { from: 'user' })
  } finally {
    process.env = saved
  }
  return words
}

test('the folder as typed and the flags given, canonical; defaults and environment variables are not repeated', () => {
  expect(typed(['scenarios/', '--filter=win|grace', '--keep-topics', '--seed', '7'], { ST_TEST_BROKERS: 'h:1' })).toEqual([
    'scenarios/', '--seed', '7', '--filter', 'win|grace', '--keep-topics',
  ])
})

test('a variadic flag is repeated once per value; several paths stay in order', () => {
  expect(typed(['b.scenario.yaml', 'a/', '--fixture', 'orders=x.jsonl', 'input[1]=y.jsonl'])).toEqual([
    'b.scenario.yaml', 'a/', '--fixture', 'orders=x.jsonl', '--fixture', 'input[1]=y.jsonl',
  ])
})

test('withoutFlag drops the flag and its value only', () => {
  expect(withoutFlag(['scenarios/', '--seed', '7', '--filter', 'x'], '--seed')).toEqual(['scenarios/', '--filter', 'x'])
  expect(withoutFlag(['scenarios/'], '--seed')).toEqual(['scenarios/'])
})
