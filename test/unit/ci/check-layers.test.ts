import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { checkLayers, readImports, report } from '../../../scripts/check-layers.mts'

const dir = mkdtempSync(join(tmpdir(), 'st-check-layers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A tiny src/ tree: `files` maps a src/-relative path to its text. */
function tree(name: string, files: Record<string, string>): string {
  const src = join(dir, name, 'src')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(src, path)), { recursive: true })
    writeFileSync(join(src, path), text)
  }
  return src
}

const clean = {
  'errors.ts': 'export class InputError extends Error {}\n',
  'replay/plan.ts': "import { InputError } from '../errors.ts'\nexport type Plan = { e?: InputError }\n",
  'report/console.ts': "import type { Plan } from '../replay/plan.ts'\nexport const p = (x: Plan) => x\n",
  'runner/run.ts': "export { p } from '../report/console.ts'\nconst m = await import('./local.ts')\n",
  'index.ts': "export * from './runner/run.ts'\n",
}

test('an import of a folder above the importer fails, naming both files and both layers', () => {
  const { upward } = checkLayers([
    { from: 'report/console.ts', to: 'runner/result.ts' },
    { from: 'runner/run-scenario.ts', to: 'report/console.ts' },
  ])
  expect(report({ upward, unplaced: [] })).toEqual(['report/console.ts → runner/result.ts (report imports runner, a layer above it)'])
})

test('a clean tree passes; the same tree with one upward import (static, type-only or dynamic) fails with that import', () => {
  expect(checkLayers(readImports(tree('clean', clean)))).toEqual({ upward: [], unplaced: [] })
  for (const [name, line] of [
    ['static', "import { p } from '../report/console.ts'"],
    ['type', "import type {\n  p,\n} from '../report/console.ts'"],
    ['dynamic', "const m = await import('../report/console.ts')"],
  ] as const) {
    const src = tree(name, { ...clean, 'replay/up.ts': `${line}\nexport {}\n` })
    expect(report(checkLayers(readImports(src)))).toEqual(['replay/up.ts → report/console.ts (replay imports report, a layer above it)'])
  }
})

test('a folder in no layer is named, so a new folder gets placed', () => {
  expect(checkLayers([{ from: 'runner/run.ts', to: 'misc/helper.ts' }]).unplaced).toEqual(['misc'])
})

test('the script exits 1 on an upward import and 0 on a clean tree', () => {
  const run = (src: string) => spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/check-layers.mts'), src], { encoding: 'utf8' })
  const up = run(tree('cli-up', { ...clean, 'env/up.ts': "import '../runner/run.ts'\n" }))
  expect(up.status).toBe(1)
  expect(up.stderr).toContain('env/up.ts → runner/run.ts (env imports runner, a layer above it)')
  expect(run(join(dir, 'clean', 'src')).status).toBe(0)
})
