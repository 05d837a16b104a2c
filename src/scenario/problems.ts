import { formatInputError, InputError } from '../errors.ts'
import { formatPath, type IssuePath } from './issues.ts'
import type { Locate } from './yaml-locate.ts'

/** One problem found in a scenario; becomes one line of the scenario's InputError. */
export interface Problem {
  reason: string
  path: IssuePath
  expected?: string
  found?: string
  /** the problem is the key at the end of `path` (an unknown name), not its value */
  atKey?: true
}

/** Where problems are reported: the scenario file, and (YAML) how to find a path's line. */
export interface ProblemSite {
  file: string
  locate?: Locate | undefined
}

function detailOf(p: Problem, site: ProblemSite) {
  const pos = site.locate?.(p.path, p.atKey ? { key: true } : undefined)
  return {
    file: site.file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
    ...(p.path.length > 0 ? { path: formatPath(p.path) } : {}),
    ...(p.expected !== undefined ? { expected: p.expected } : {}),
    ...(p.found !== undefined ? { found: p.found } : {}),
  }
}

/** One InputError for all the problems of one scenario, one problem a line, in file order. */
export function scenarioError(problems: readonly Problem[], site: ProblemSite): InputError {
  const details = problems
    .map((p) => ({ p, d: detailOf(p, site) }))
    .sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0))
  const [first] = details
  if (details.length === 1 && first) return new InputError(first.p.reason, first.d)
  const lines = details.map(({ p, d }) => `  ${formatInputError(p.reason, d)}`)
  return new InputError(`${details.length} problems in this scenario:\n${lines.join('\n')}`, { file: site.file })
}
