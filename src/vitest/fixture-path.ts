import { existsSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'

/** A fixture path in a test: absolute, else from the working directory (the project root), else next to the test file if it is there. */
export function fixturePath(path: string, testFile: string | undefined): string {
  if (isAbsolute(path)) return path
  const fromCwd = resolve(path)
  if (existsSync(fromCwd) || testFile === undefined) return fromCwd
  const fromTest = resolve(dirname(testFile), path)
  return existsSync(fromTest) ? fromTest : fromCwd
}
