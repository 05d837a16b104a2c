import { InputError } from '../errors.ts'

/** A point in time flag: epoch milliseconds (`1717171717000`) or ISO 8601 (`2024-05-31T12:00:00Z`). */
export function timeOption(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined
  const text = String(value).trim()
  const ms = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  if (!Number.isSafeInteger(ms)) {
    throw new InputError(`bad ${flag} "${text}"`, { expected: 'epoch milliseconds or an ISO 8601 time such as 2024-05-31T12:00:00Z' })
  }
  return ms
}
