import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { InputError } from '../errors.ts'

export const SCENARIO_FILE = /\.scenario\.(ya?ml|ts)$/

async function walk(dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const p = join(dir, entry.name)
    if (entry.isDirectory()) await walk(p, out)
    else if (entry.isFile() && SCENARIO_FILE.test(entry.name)) out.push(p)
  }
}

/**
 * The scenario files named by `paths`: a file is taken as given, a folder is searched recursively for
 * `*.scenario.yaml|yml|ts` (skipping dot folders and node_modules). Absolute, sorted, no duplicates.
 */
export async function findScenarioFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const p of paths) {
    const abs = resolve(p)
    let isDir: boolean
    try {
      isDir = (await stat(abs)).isDirectory()
    } catch {
      throw new InputError('no such file or folder', { file: abs, expected: 'a scenario file or a folder of them' })
    }
    if (isDir) await walk(abs, out)
    else out.push(abs)
  }
  return [...new Set(out)].sort()
}
