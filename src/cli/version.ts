import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The version in stream-test's own package.json, found by walking up from `from` (this module's
 * folder): the same answer from src/cli/ under tsx, from a compiled dist/, or from an installed package.
 */
export function packageVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown }
      if (pkg.name === 'stream-test' && typeof pkg.version === 'string') return pkg.version
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of stream-test above ${from}`)
  }
}
