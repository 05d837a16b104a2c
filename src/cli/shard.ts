import { relative, sep } from 'node:path'
import { InputError } from '../errors.ts'

/** `--shard 2/3`: the second of three shards. */
export interface Shard {
  index: number
  count: number
}

/** A `--shard i/n` flag: 1 <= i <= n; anything else is a usage error that says the form. */
export function shardOption(value: unknown): Shard | undefined {
  if (value === undefined) return undefined
  const text = String(value).trim()
  const m = /^(\d+)\/(\d+)$/.exec(text)
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (!m || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError(`bad --shard "${text}"`, { expected: '<index>/<count> with 1 <= index <= count, e.g. --shard 1/3' })
  }
  return { index, count }
}

/**
 * The scenario files of one shard. The files are sorted by their path relative to `root` (with `/`, so
 * every machine of a CI matrix sorts them the same) and dealt out in turn: the k-th file (from 0) goes to
 * shard k mod count + 1. Shards 1..count together hold every file exactly once, their sizes differ by at
 * most one, and neighbouring files (a folder of slow scenarios) spread over the shards. Which shard a file
 * is in depends only on the list of files, not on their contents, `--filter` or the machine.
 * Returns the shard's files in the order given.
 */
export function shardOf(files: readonly string[], { index, count }: Shard, root: string): string[] {
  const key = (f: string) => relative(root, f).split(sep).join('/')
  const sorted = [...files].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  const mine = new Set(sorted.filter((_f, k) => k % count === index - 1))
  if (mine.size === 0) {
    throw new InputError(`--shard ${index}/${count} has no scenario file: ${files.length} file(s) over ${count} shards`, {
      expected: `at most ${files.length} shard(s)`,
    })
  }
  return files.filter((f) => mine.has(f))
}
