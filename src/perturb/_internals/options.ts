import { InputError } from '../../errors.ts'

function bad(path: string, expected: string, found: unknown): never {
  throw new InputError('invalid perturbation option', { path, expected, found: JSON.stringify(found) ?? String(found) })
}

/** A probability in [0, 1]. */
export function checkRate(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    bad(path, 'a rate between 0 and 1', value)
  }
  return value
}

/** An integer >= min. */
export function checkInt(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) bad(path, `an integer >= ${min}`, value)
  return value
}

/** A duration in ms: finite and >= 0. */
export function checkMs(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) bad(path, 'a duration in ms >= 0', value)
  return value
}
