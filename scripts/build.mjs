// `npm run build` (also `prepare`: npm ci, npm pack, git installs): a clean dist/ from src/ with tsc
// (tsconfig.build.json), plus the files tsc does not emit that the code reads at run time (the HTML
// report's client.js and style.css).
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')
const dist = join(root, 'dist')

rmSync(dist, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)

// tsc keeps `./x.ts` in declarations; TypeScript 5 reads them, older versions and other tools expect `./x.js`
// (same length, so the declaration maps stay exact)
const relativeTs = /((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*)\.ts(['"])/g
let copied = 0
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue
  const file = join(entry.parentPath ?? entry.path, entry.name)
  writeFileSync(file, readFileSync(file, 'utf8').replace(relativeTs, '$1.js$2'))
}
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || extname(entry.name) === '.ts') continue
  const from = join(entry.parentPath ?? entry.path, entry.name)
  cpSync(from, join(dist, from.slice(src.length)))
  copied++
}
console.log(`dist/ built from src/ (${copied} asset files copied)`)
