import { isAbsolute, resolve } from 'node:path'
import { evolvedTopic } from './evolve-schema-check.ts'
import type { Scenario } from './scenario-schema.ts'
import type { Locate } from './yaml-locate.ts'

/**
 * Make every path of a validated scenario absolute, resolving relative ones from the scenario's folder
 * (fixtures, schema files, the SUT's cwd, which defaults to that folder); an
 * evolve-schema step gets its topic when it implied one. Inline
 * events of a YAML scenario get `source` pointing at their line. Mutates and returns `s`.
 */
export function resolvePaths(s: Scenario, scenarioFile: string, dir: string, locate?: Locate): Scenario {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(dir, p))
  for (const t of Object.values(s.topics)) if (t.schema && 'file' in t.schema) t.schema.file = abs(t.schema.file)
  s.input.forEach((inp, i) => {
    if (inp.fixture !== undefined) inp.fixture = abs(inp.fixture)
    if (locate)
      inp.events?.forEach((e, j) => {
        const pos = locate(['input', i, 'events', j])
        if (pos) e.source = { file: scenarioFile, line: pos.line }
      })
  })
  for (const p of s.perturb) {
    if (p.kind !== 'evolve-schema') continue
    p.schema = abs(p.schema)
    p.topic ??= evolvedTopic(p, s) // validated: exactly one
  }
  if (s.sut.kind === 'process') s.sut.cwd = abs(s.sut.cwd ?? '.')
  return s
}
