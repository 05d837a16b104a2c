import { expect, test } from 'vitest'
import { parseBackfillFlags } from '../../../src/backfill/flags.ts'

const base = { dryRun: true, input: 'in.jsonl', sut: 'node new.mjs --in {{topics.in}}', baseline: 'out.jsonl' }
const parse = (o: Record<string, unknown>) => parseBackfillFlags(o, '/work', {})

test('without --dry-run: a usage error (exit 2), "only --dry-run is supported"', () => {
  const { dryRun: _, ...rest } = base
  expect(() => parse(rest)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^only --dry-run is supported/) }))
})

test('a fixture input and baseline: paths from the cwd, the SUT as words, defaults filled', () => {
  expect(parse(base)).toEqual({
    input: { kind: 'fixture', file: '/work/in.jsonl' },
    baseline: { kind: 'fixture', file: '/work/out.jsonl' },
    sut: ['node', 'new.mjs', '--in', '{{topics.in}}'],
    env: 'local',
    key: 'key',
    valueFormat: 'json',
    timeoutMs: 120_000,
    settleMs: 500,
    reporter: 'console',
    limit: 20,
    keepTopics: false,
  })
})

test('a source topic range and a baseline topic read from --source-brokers only; a baseline SUT as words', () => {
  const f = parse({ dryRun: true, sourceTopic: 'orders', sourceBrokers: 'prod:9092', from: 'offset:10', to: '1717171717000', sut: 'node new.mjs', baselineSut: "node old.mjs --tag 'a b'" })
  expect(f.input).toEqual({ kind: 'topic', topic: 'orders', from: { kind: 'offset', every: 10, partitions: new Map() }, to: { kind: 'time', ms: 1717171717000 } })
  expect(f.baseline).toEqual({ kind: 'sut', words: ['node', 'old.mjs', '--tag', 'a b'] })
  expect(f.source).toMatchObject({ kind: 'external', brokers: ['prod:9092'], registryUrl: '' })
})

test.each([
  [{ ...base, input: undefined }, /backfill needs an input; expected one of --input, --source-topic/],
  [{ ...base, sourceTopic: 't', sourceBrokers: 'b:1' }, /one input, got --input and --source-topic/],
  [{ ...base, baseline: undefined }, /backfill needs a baseline/],
  [{ ...base, baselineSut: 'node old.mjs' }, /one baseline, got --baseline and --baseline-sut/],
  [{ ...base, sut: undefined }, /needs the new SUT; expected --sut '<command line>' or --scenario <file>/],
  [{ ...base, from: '1000' }, /--from and --to select a range of --source-topic/],
  [{ ...base, input: undefined, sourceTopic: 'orders' }, /--source-topic is read from the source cluster; expected --source-brokers/],
  [{ ...base, baseline: undefined, baselineTopic: 'enriched' }, /--baseline-topic is read from the source cluster/],
  [{ ...base, sourceBrokers: 'prod:9092' }, /--source-brokers without a topic to read/],
  [{ ...base, env: 'external' }, /--env external .* name their shadow prefix; expected --shadow-prefix/],
  [{ ...base, shadowPrefix: 'bf.' }, /--shadow-prefix is for --env external/],
  [{ ...base, env: 'external', shadowPrefix: 'bad prefix' }, /bad --shadow-prefix "bad prefix"/],
  [{ ...base, key: 'payload.id' }, /payload\.id/],
  [{ ...base, timeout: 'soon' }, /bad --timeout "soon"; expected an integer >= 1/],
  [{ ...base, input: undefined, sourceTopic: 'o', sourceBrokers: 'p:1', from: '2024-06-02', to: '2024-06-01' }, /--to is before --from/],
])('%o is rejected before any broker is contacted', (opts, message) => {
  expect(() => parse(opts)).toThrow(message)
})
