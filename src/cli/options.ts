import { InputError } from '../errors.ts'

/** An optional integer flag; a bad value is a usage error naming the flag. */
export function intOption(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new InputError(`bad ${flag} "${String(value)}"`, { expected: 'an integer' })
  return n
}
