import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { record } from '../../../src/cli/record.ts'
import { replay } from '../../../src/cli/replay.ts'
import { run } from '../../../src/cli/run.ts'
import { kafkaFor } from '../../../src/env/index.ts'
import { envWithout, spawnCli } from './spawn-cli.ts'

const brokers = inject('kafka').brokers.join(',')
// nothing listens here: every check below must fail before the CLI tries to connect
const NOWHERE = '127.0.0.1:1'
let dir: string
let good: string
let bad: string
let badJson: string
let scenario: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'st-bad-inputs-'))
  good = join(dir, 'good.jsonl')
  bad = join(dir, 'bad.jsonl')
  await writeFile(good, '{"key":"a","value":{"n":1},"ts":1}\n')
  await writeFile(bad, '{"key":"a","value":{"n":1},"ts":1}\n# a comment\n{"key":"b","value":{"n":2},"ts":"soon"}\n')
  badJson = join(dir, 'o.jsonl')
  await writeFile(badJson, `${'{"key":"a","value":{"n":1},"ts":1}\n'.repeat(5)}{"key": "x", "value": {oops\n`)
  // a copy of a shipped window scenario whose fixture is o.jsonl (its SUT path made absolute)
  const shipped = await readFile(resolve('scenarios/window-counter.scenario.yaml'), 'utf8')
  scenario = join(dir, 'bad-fixture.scenario.yaml')
  await writeFile(scenario, shipped.replace('../fixtures/streams/window-tumbling.jsonl', 'o.jsonl').replace('../fixtures/apps/', `${resolve('fixtures/apps')}/`))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

// each case spawns the real CLI, as a user runs it
describe('bad input exits 2 with a message that says what to fix', () => {
  test('record without --brokers or KAFKA_BROKERS', async () => {
    const r = await spawnCli(['record', '--topic', 'orders'], envWithout('KAFKA_BROKERS'))
    expect(r.stderr).toBe('stream-test: record needs a Kafka broker; expected --brokers host:port[,host:port] or KAFKA_BROKERS in the environment; found neither\n')
    expect(r.stdout).toBe('')
    expect(r.code).toBe(2)
  })

  test('replay of a fixture with a bad line names file:line', async () => {
    const r = await spawnCli(['replay', bad, '--topic', 'orders', '--brokers', NOWHERE])
    expect(r.stderr).toBe(`stream-test: ${bad}:3: ts is not a number; expected ts: event time in ms since the epoch; found "soon"\n`)
    expect(r.code).toBe(2)
  })

  // --log-level debug: a broker start (the JVM's lines), an SUT start or a run would all show on stderr
  const FIXTURE_LINE = 'bad fixture line .*/o\\.jsonl:6: bad JSON in fixture: [^\\n]*; at input\\[0\\]\\.fixture; expected one JSON object per line'
  test("run: a bad line in a scenario's fixture is exit 2 with file:line, and no broker or SUT starts", async () => {
    const r = await spawnCli(['run', scenario, '--env', 'local', '--log-level', 'debug'], envWithout('STREAM_TEST_ENV'), 30_000)
    expect(r.stderr).toMatch(new RegExp(`^stream-test: 1 scenario file\\(s\\) are not valid:\\n${scenario.replaceAll('.', '\\.')}:9:\\d+: ${FIXTURE_LINE}\\n$`))
    expect(r.stdout).toBe('')
    expect(r.code).toBe(2)
  })

  test('run --fixture <input>=<file>: a bad line in the override is caught the same way', async () => {
    const r = await spawnCli(['run', 'scenarios/window-counter.scenario.yaml', '--fixture', `events=${badJson}`, '--env', 'local', '--log-level', 'debug'], envWithout('STREAM_TEST_ENV'), 30_000)
    expect(r.stderr).toMatch(new RegExp(`^stream-test: 1 scenario file\\(s\\) are not valid:\\n\\S*scenarios/window-counter\\.scenario\\.yaml: ${FIXTURE_LINE}\\n$`))
    expect(r.code).toBe(2)
  })

  test('replay with an unknown --pace', async () => {
    const r = await spawnCli(['replay', good, '--topic', 'orders', '--brokers', NOWHERE, '--pace', 'warp'])
    expect(r.stderr).toBe('stream-test: bad pace "warp"; expected max, realtime or x<factor> such as x10\n')
    expect(r.code).toBe(2)
  })

  test('replay with a fault step in --perturb', async () => {
    const r = await spawnCli(['replay', good, '--topic', 'orders', '--brokers', NOWHERE, '--perturb', 'reorder:within=1s,crash-sut:after=50%'])
    expect(r.stderr).toContain('stream-test: crash-sut is a fault step: replay has no SUT or broker to fault; at --perturb[1]')
    expect(r.code).toBe(2)
  })

  test('replay with avro values but no --schema', async () => {
    const r = await spawnCli(['replay', good, '--topic', 'orders', '--brokers', NOWHERE, '--value-format', 'avro'])
    expect(r.stderr).toBe('stream-test: --value-format avro needs a schema; expected --schema <file>\n')
    expect(r.code).toBe(2)
  })

  test('replay to a topic that does not exist (real broker): nothing is created', async () => {
    const topic = `it.missing.${randomUUID().slice(0, 8)}`
    const r = await spawnCli(['replay', good, '--topic', topic, '--brokers', brokers, '--seed', '1'])
    expect(r.stderr).toContain(`stream-test: topic ${topic} does not exist; expected an existing topic (replay does not create topics)`)
    expect(r.code).toBe(2)
    const admin = kafkaFor(inject('kafka'), 'bad-inputs-test').admin()
    await admin.connect()
    try {
      expect(await admin.listTopics()).not.toContain(topic)
    } finally {
      await admin.disconnect()
    }
  })
})

describe('flag values are checked before any broker is contacted (in process)', () => {
  const base = { topic: 'orders', brokers: NOWHERE }
  test.each([
    [{ from: 'yesterday' }, 'bad --from "yesterday"; expected epoch milliseconds or an ISO 8601 time such as 2024-05-31T12:00:00Z'],
    [{ to: '2024-13-45T00:00:00Z' }, 'bad --to "2024-13-45T00:00:00Z"'],
    [{ from: '2000', to: '1000' }, '--to is before --from; expected --from <= --to'],
    [{ max: '0' }, 'bad --max "0"; expected an integer >= 1'],
    [{ max: 'lots' }, 'bad --max "lots"; expected an integer'],
  ])('record %o', async (flags, message) => {
    await expect(record.run({ args: [], opts: { ...base, ...flags } })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(message) })
  })

  test.each([
    [{ seed: 'abc' }, 'bad --seed "abc"; expected an integer'],
    [{ id: 'body.orderId' }, 'bad id path "body.orderId"'],
    [{ perturb: 'shuffle' }, 'bad --perturb part "shuffle"; at --perturb[0]'],
    [{ valueFormat: 'avro', schema: '/nonexistent/x.avsc' }, '/nonexistent/x.avsc: schema file cannot be read (ENOENT)'],
  ])('replay %o', async (flags, message) => {
    await expect(replay.run({ args: [good], opts: { ...base, pace: 'max', valueFormat: 'json', ...flags } })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(message) })
  })

  test.each([
    [{ concurrency: '0' }, 'bad --concurrency "0"; expected an integer >= 1 (1 runs the scenarios one after another)'],
    [{ concurrency: 'many' }, 'bad --concurrency "many"; expected an integer'],
  ])('run %o', async (flags, message) => {
    await expect(run.run({ args: [['scenarios/']], opts: { reporter: 'console', ...flags } })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(message) })
  })
})
