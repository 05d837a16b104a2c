import { z } from 'zod'
import { parseDuration, parsePercent } from '../text/index.ts'

// perturb-schema.ts takes parsePercent from here, beside the zod types built on it
export { parseDuration, parsePercent }

export const DURATION_EXPECTED = "a duration like '300ms', '5s', '10m', '1h' or a number of milliseconds"

/** A duration as written (string or ms), parsed to milliseconds. */
export const duration = z
  .custom<string | number>((v) => parseDuration(v) !== undefined, { error: DURATION_EXPECTED })
  .transform((v) => parseDuration(v) as number)

/** A percent string from '0%' to '100%', parsed to a fraction. */
export const percent = z
  .custom<string>((v) => parsePercent(v) !== undefined, { error: "a percent from '0%' to '100%', like '50%'" })
  .transform((v) => parsePercent(v) as number)

/** A rate: a number from 0 to 1. */
export const fraction = z.number().min(0).max(1)
