import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { InputError } from '../errors.ts'
import { loadTsScenario } from './load-ts.ts'
import { loadYamlScenario } from './load-yaml.ts'
import type { Scenario } from './scenario-schema.ts'

/** Load and validate a `*.scenario.yaml|yml|ts`; relative paths in it become absolute. Throws InputError. */
export async function loadScenario(file: string): Promise<Scenario> {
  const abs = resolve(file)
  try {
    if (!(await stat(abs)).isFile()) throw new Error('not a file')
  } catch {
    throw new InputError('scenario file not found', { file: abs })
  }
  if (/\.ya?ml$/.test(abs)) return loadYamlScenario(abs)
  if (/\.[cm]?ts$/.test(abs)) return loadTsScenario(abs)
  throw new InputError('not a scenario file', { file: abs, expected: '*.scenario.yaml, *.scenario.yml or *.scenario.ts' })
}
