import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { run } from '../../../src/cli/run.ts'
import { shardOf, shardOption } from '../../../src/cli/shard.ts'
import { JunitReporter } from '../../../src/report/junit.ts'
import { summarize } from '../../../src/report/summarize.ts'
import { result } from '../report/results.ts'

const ROOT = '/repo'
const paths = (n: number) => Array.from({ length: n }, (_x, i) => `/repo/scenarios/${String.fromCharCode(97 + (i % 26))}${i}.scenario.yaml`)

describe('shardOf', () => {
  test.each([1, 2, 3, 7, 26, 101])('shards 1..n of %i files hold every file exactly once, sizes within one', (files) => {
    const all = paths(files)
    for (const count of [1, 2, 3, 5]) {
      if (count > files) continue
      const shards = Array.from({ length: count }, (_x, i) => shardOf(all, { index: i + 1, count }, ROOT))
      expect(shards.flat().sort()).toEqual([...all].sort())
      const sizes = shards.map((s) => s.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  test('--shard 1/2 and --shard 2/2 together select every scenario exactly once', () => {
    const all = paths(9)
    const one = shardOf(all, { index: 1, count: 2 }, ROOT)
    const two = shardOf(all, { index: 2, count: 2 }, ROOT)
    expect(one.filter((f) => two.includes(f))).toEqual([])
    expect([...one, ...two].sort()).toEqual([...all].sort())
  })

  test('stable: the same files in another order, or under another checkout folder, shard the same', () => {
    const all = paths(10)
    const picked = shardOf(all, { index: 2, count: 3 }, ROOT)
    expect(shardOf([...all].reverse(), { index: 2, count: 3 }, ROOT).sort()).toEqual([...picked].sort())
    const moved = all.map((f) => f.replace('/repo/', '/ci/runner/work/'))
    expect(shardOf(moved, { index: 2, count: 3 }, '/ci/runner/work')).toEqual(picked.map((f) => f.replace('/repo/', '/ci/runner/work/')))
  })

  test('dealt out in path order: neighbours land on different shards', () => {
    const files = ['/repo/s/a.scenario.yaml', '/repo/s/b.scenario.yaml', '/repo/s/c.scenario.yaml', '/repo/t/d.scenario.yaml']
    expect(shardOf(files, { index: 1, count: 2 }, ROOT)).toEqual(['/repo/s/a.scenario.yaml', '/repo/s/c.scenario.yaml'])
    expect(shardOf(files, { index: 2, count: 2 }, ROOT)).toEqual(['/repo/s/b.scenario.yaml', '/repo/t/d.scenario.yaml'])
  })

  test('a shard with no file is a usage error', () => {
    expect(() => shardOf(paths(2), { index: 3, count: 3 }, ROOT)).toThrow(
      expect.objectContaining({ exitCode: 2, message: '--shard 3/3 has no scenario file: 2 file(s) over 3 shards; expected at most 2 shard(s)' }),
    )
  })
})

describe('--shard flag', () => {
  test('i/n parses', () => {
    expect(shardOption('2/3')).toEqual({ index: 2, count: 3 })
    expect(shardOption(undefined)).toBeUndefined()
  })

  test.each(['3/2', '0/2', 'x', '1/0', '-1/2', '1.5/2', '1/', '/2', '1 /2'])('"%s" exits 2 saying the form', (bad) => {
    expect(() => shardOption(bad)).toThrow(
      expect.objectContaining({ exitCode: 2, message: `bad --shard "${bad.trim()}"; expected <index>/<count> with 1 <= index <= count, e.g. --shard 1/3` }),
    )
  })
})

describe('JUnit reports of the shards merge cleanly', () => {
  // what a CI job does with the shards' reports: concatenate their <testsuite> elements under one root
  function junitOf(files: string[], shard: string): string {
    // every scenario has the same name: a testcase is told apart by its classname, the file
    const results = files.map((f) => result({ file: f.slice(ROOT.length + 1), name: 'orders are enriched exactly once' }))
    return new JunitReporter().finish(results, summarize(results, { typed: ['scenarios/', '--shard', shard], seed: 1, durationMs: 1 }))
  }
  const tags = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag} [^>]*>`, 'g'))].map((m) => m[0])
  const attr = (tag: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1]

  test('testsuite names (the file paths) and testcase ids (classname + name) are unique across shards', () => {
    const all = paths(7)
    const xml = ['1/3', '2/3', '3/3'].map((s, i) => junitOf(shardOf(all, { index: i + 1, count: 3 }, ROOT), s)).join('\n')
    const suites = tags(xml, 'testsuite').map((t) => attr(t, 'name'))
    expect(new Set(suites).size).toBe(all.length)
    expect(suites.sort()).toEqual(all.map((f) => f.slice(ROOT.length + 1)).sort())
    const cases = tags(xml, 'testcase').map((t) => `${attr(t, 'classname')}#${attr(t, 'name')}`)
    expect(cases).toHaveLength(all.length)
    expect(new Set(cases).size).toBe(all.length)
  })
})

// The CLI takes the shard before it loads a file: with every file invalid, the error lists exactly the
// shard's files, and no broker is started (a bad scenario stops the run before that).
describe('stream-test run --shard (in process, no broker)', () => {
  let dir: string
  const names = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}.scenario.yaml`)
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'st-shard-'))
    await mkdir(join(dir, 'more'))
    for (const [i, n] of names.entries()) await writeFile(join(dir, i % 2 === 0 ? n : `more/${n}`), 'name: not a valid scenario\n')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  async function refusedFiles(shard: string): Promise<string[]> {
    const err = await run.run({ args: [[dir]], opts: { reporter: 'console', env: 'local', shard } }).then(
      () => expect.fail('the invalid scenarios were run'),
      (e: unknown) => e as { exitCode: number; message: string },
    )
    expect(err.exitCode).toBe(2)
    return [...err.message.matchAll(/^(\S+\.scenario\.yaml): /gm)].map((m) => m[1] as string)
  }

  test('--shard 1/2 and --shard 2/2 together load every scenario file exactly once', async () => {
    const one = await refusedFiles('1/2')
    const two = await refusedFiles('2/2')
    expect(one).toHaveLength(3)
    expect(two).toHaveLength(2)
    expect([...one, ...two].sort()).toEqual(names.map((n, i) => join(dir, i % 2 === 0 ? n : `more/${n}`)).sort())
  })

  test('a bad --shard exits 2 before any file is read', async () => {
    await expect(run.run({ args: [['/nonexistent']], opts: { reporter: 'console', env: 'local', shard: '3/2' } })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('bad --shard "3/2"'),
    })
  })
})
