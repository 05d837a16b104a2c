// Layers point down: a folder of src/ imports only folders below it in LAYERS (or itself).
//   npx tsx scripts/check-layers.mts [src dir]      exit 1 with file → imported file (layer → layer) per upward import
// The order is DESIGN.md §3's, changed where the code needs it (see the comments in LAYERS).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Bottom to top. A name is a folder of src/, or a file at src/'s root; src/index.ts is the top (the public API re-exports anything). */
export const LAYERS: readonly (readonly string[])[] = [
  // plain helpers every layer may use
  ['errors.ts', 'log.ts', 'wait-until.ts', 'text', 'process'],
  ['env'],
  // Kafka plumbing shared by replay, collect and stream: codec, topic formats, run naming
  ['kafka'],
  ['stream'],
  ['perturb'],
  ['replay'],
  ['sut'],
  // below faults, not above as in DESIGN.md: a fault step waits on the collector (placement)
  ['collect'],
  ['faults'],
  ['oracle'],
  // a run's outcome as data (verdict, violations, fault records, timeline): the runner writes it, report/ renders it
  ['result'],
  // above the steps, not first as in DESIGN.md: the scenario schema names their vocabularies
  // (fault kinds, network links, registry compatibility, collected records)
  ['scenario'],
  ['generate'],
  ['report'],
  ['runner'],
  ['backfill'],
  ['cli'],
  ['vitest'],
  ['index.ts'],
]

export interface Import {
  /** importing file, relative to src/ */
  from: string
  /** imported file, relative to src/ */
  to: string
}

export interface Upward extends Import {
  fromLayer: string
  toLayer: string
}

/** The layer a src/-relative path belongs to: its first folder, or the file itself at the root. */
export function layerOf(path: string): string {
  return path.split(/[\\/]/)[0] as string
}

/** Upward imports, and names in no layer (a new folder must be placed in LAYERS). */
export function checkLayers(imports: readonly Import[], layers: readonly (readonly string[])[] = LAYERS): { upward: Upward[]; unplaced: string[] } {
  const rank = new Map<string, number>()
  layers.forEach((names, i) => names.forEach((n) => rank.set(n, i)))
  const upward: Upward[] = []
  const unplaced = new Set<string>()
  for (const i of imports) {
    const fromLayer = layerOf(i.from)
    const toLayer = layerOf(i.to)
    const a = rank.get(fromLayer)
    const b = rank.get(toLayer)
    if (a === undefined) unplaced.add(fromLayer)
    if (b === undefined) unplaced.add(toLayer)
    if (a !== undefined && b !== undefined && b > a) upward.push({ ...i, fromLayer, toLayer })
  }
  return { upward, unplaced: [...unplaced].sort() }
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.\.?\/[^'"]+)['"]/g

/** Relative imports (static, `export … from`, dynamic) of every .ts file under `srcDir`, as src/-relative paths. */
export function readImports(srcDir: string): Import[] {
  const out: Import[] = []
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name)
      if (e.isDirectory()) walk(path)
      else if (e.name.endsWith('.ts')) {
        const from = relative(srcDir, path).split(sep).join('/')
        for (const m of readFileSync(path, 'utf8').matchAll(SPECIFIER)) {
          out.push({ from, to: relative(srcDir, resolve(dirname(path), m[1] as string)).split(sep).join('/') })
        }
      }
    }
  }
  walk(srcDir)
  return out
}

export function report(result: ReturnType<typeof checkLayers>): string[] {
  return [
    ...result.upward.map((u) => `${u.from} → ${u.to} (${u.fromLayer} imports ${u.toLayer}, a layer above it)`),
    ...result.unplaced.map((n) => `${n}: in no layer; place it in LAYERS in scripts/check-layers.mts`),
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = report(checkLayers(readImports(resolve(process.argv[2] ?? 'src'))))
  for (const line of lines) console.error(line)
  console.log(lines.length === 0 ? 'layers: every import points down' : `layers: ${lines.length} problem(s)`)
  process.exit(lines.length === 0 ? 0 : 1)
}
