import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))

/**
 * The tree `src/` of commit `ref`, extracted once under bench/.baseline/<ref>/ (git-ignored, inside the
 * repo so its imports find node_modules), for a benchmark to import the old code next to the new one
 * and print their ratio from one process run. Returns the extracted `src/` directory.
 */
export function baselineSrc(ref: string): string {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: repo, encoding: 'utf8' }).trim()
  const dir = join(repo, 'bench', '.baseline', sha)
  if (!existsSync(join(dir, 'src'))) {
    mkdirSync(dir, { recursive: true })
    execFileSync('sh', ['-c', `git archive ${sha} src | tar -x -C "${dir}"`], { cwd: repo })
  }
  return join(dir, 'src')
}
