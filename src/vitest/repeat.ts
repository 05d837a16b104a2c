import { relative } from 'node:path'

/** `pass { seed: 7 } to replay() and run: npx vitest run test/x.test.ts -t "name"` */
export function repeatHint(file: string | undefined, testName: string | undefined, seed: number): string {
  const where = file === undefined ? '' : ` ${relative(process.cwd(), file) || file}`
  const only = testName === undefined ? '' : ` -t ${JSON.stringify(testName)}`
  return `to repeat it, pass { seed: ${seed} } to replay() and run: npx vitest run${where}${only}`
}
