import { z } from 'zod'

/** A z.strictObject whose unknown-key issue names the keys that are allowed. */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape).join(', ')
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `only the keys ${known}` : undefined),
  })
}

/** Refinement: exactly one of `keys` is present (not undefined). */
export function exactlyOne<T extends object>(keys: readonly (keyof T & string)[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    const present = keys.filter((k) => value[k] !== undefined)
    if (present.length === 1) return
    ctx.addIssue({
      code: 'custom',
      message: `exactly one of ${keys.join(', ')}`,
      params: { found: present.length === 0 ? 'none of them' : `${present.join(' and ')}` },
    })
  }
}

/** A function value (TS scenarios only). */
export function fn<F extends (...args: never[]) => unknown>(what: string) {
  return z.custom<F>((v) => typeof v === 'function', { error: `${what} (a function)` })
}

type Tagged<M extends Record<string, z.ZodType>> = {
  [K in keyof M & string]: { kind: K } & z.output<M[K]>
}[keyof M & string]

type SingleKeyInput<M extends Record<string, z.ZodType>> =
  | {
      [K in keyof M & string]: { [P in K]: z.input<M[K]> | null }
    }[keyof M & string]
  | (keyof M & string)

/**
 * A list item written as a single-key object, `{ duplicate: { rate: 0.1 } }` (or just the name when every
 * option has a default), parsed to `{ kind: 'duplicate', rate: 0.1, ... }`. An unknown name is an error
 * that lists the known ones.
 */
export function singleKey<M extends Record<string, z.ZodType>>(what: string, options: M) {
  const names = Object.keys(options)
  const shape: Record<string, z.ZodType> = {}
  for (const n of names) shape[n] = (options[n] as z.ZodType).optional()
  // loose, so that the refinement sees unknown names and reports them itself (once, with the known ones)
  const obj = z.looseObject(shape).superRefine((o, ctx) => {
    const keys = Object.keys(o)
    const unknown = keys.filter((k) => !names.includes(k))
    for (const k of unknown)
      ctx.addIssue({
        code: 'custom',
        path: [k],
        message: `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}: one of ${names.join(', ')}`,
        params: { reason: `unknown ${what}`, found: JSON.stringify(k), atKey: true },
      })
    const present = keys.filter((k) => names.includes(k) && o[k] !== undefined)
    if (unknown.length === 0 && present.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `exactly one ${what} per item, one of ${names.join(', ')}`,
        params: { found: present.length === 0 ? 'none' : present.join(' and ') },
      })
  })
  const pre = z.preprocess((v) => {
    if (typeof v === 'string') return { [v]: {} }
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) o[k] = x === null && names.includes(k) ? {} : x
      return o
    }
    return v
  }, obj)
  const tagged = pre.transform((o) => {
    const [kind, opts] = Object.entries(o).find(([k, x]) => names.includes(k) && x !== undefined) as [string, object]
    return { kind, ...opts }
  })
  return tagged as unknown as z.ZodType<Tagged<M>, SingleKeyInput<M>>
}
