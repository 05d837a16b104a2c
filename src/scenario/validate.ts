import { dirname, resolve } from 'node:path'
import { describeIssue } from './issues.ts'
import { scenarioError, type Problem } from './problems.ts'
import { resolvePaths } from './resolve-paths.ts'
import { scenarioSchema, type Scenario } from './scenario-schema.ts'
import type { Locate } from './yaml-locate.ts'

export interface ParseScenarioOptions {
  /** the scenario file: errors name it and relative paths resolve from its folder */
  file: string
  /** YAML: where a path is in the file */
  locate?: Locate
}

/**
 * Validate a scenario object (parsed YAML or a TS default export) against the one schema and resolve
 * its paths. Throws one InputError listing every problem. Does not touch the file system.
 */
export function parseScenario(raw: unknown, opts: ParseScenarioOptions): Scenario {
  const file = resolve(opts.file)
  const r = scenarioSchema.safeParse(raw)
  if (!r.success) {
    const problems: Problem[] = r.error.issues.map((iss) => describeIssue(iss, raw))
    throw scenarioError(problems, { file, locate: opts.locate })
  }
  return resolvePaths(r.data, file, dirname(file), opts.locate)
}
