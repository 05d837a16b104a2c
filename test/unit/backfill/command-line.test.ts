import { expect, test } from 'vitest'
import { splitCommandLine } from '../../../src/backfill/command-line.ts'

test('words split on blanks; quotes group, backslashes escape, templates stay as typed', () => {
  expect(splitCommandLine('node  app.mjs --in {{topics.in}}\t--out {{topics.out}}')).toEqual(['node', 'app.mjs', '--in', '{{topics.in}}', '--out', '{{topics.out}}'])
  expect(splitCommandLine(`java -jar "my app.jar" --name 'a "b" c' x\\ y ""`)).toEqual(['java', '-jar', 'my app.jar', '--name', 'a "b" c', 'x y', ''])
  expect(splitCommandLine('sh -c "echo \\"hi\\" \\\\ there"')).toEqual(['sh', '-c', 'echo "hi" \\ there'])
})

test('an unbalanced quote or an empty command is a usage error naming the flag', () => {
  expect(() => splitCommandLine('node "app.mjs', '--baseline-sut')).toThrow(/--baseline-sut: unterminated double quote/)
  expect(() => splitCommandLine('   ')).toThrow(/--sut is empty/)
})
