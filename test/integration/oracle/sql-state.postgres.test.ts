// Needs the machine's PostgreSQL (127.0.0.1:5432, trust auth, database `test`, or ST_TEST_PG_URL), so it is
// an integration test; it uses no broker. The pure number parsing is in test/unit/oracle/sql-state.test.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import pg from 'pg'
import { EnvironmentError, InputError } from '../../../src/errors.ts'
import { judgeIdempotency } from '../../../src/oracle/idempotency.ts'
import { readSqlState } from '../../../src/oracle/sql-state.ts'

const url = process.env.ST_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const table = `st_sql_state_${process.pid}_${Date.now()}`

async function sql(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await c.connect()
  try {
    await c.query(text)
  } finally {
    await c.end()
  }
}

beforeAll(async () => {
  await sql(`create table ${table} (
    id int4 primary key, big int8, amount numeric, ratio float8, name text, flag bool,
    at timestamptz, day date, doc jsonb, raw bytea, nums int8[], note text)`)
  await sql(`insert into ${table} values
    (1, 42, 12.50, 0.25, 'a', true, '2024-01-02T03:04:05.123456Z', '2024-01-02', '{"b":1,"a":[1,2]}', '\\x00ff', '{1,2}', null),
    (2, 9223372036854775807, 123456789012345678901234567890.5, 'NaN', 'b', false, '2024-06-30 23:59:59+02', '2024-06-30', 'null', '\\x', '{}', 'x')`)
})

afterAll(async () => {
  await sql(`drop table if exists ${table}`)
})

describe('readSqlState against PostgreSQL', () => {
  test('reads rows with numbers, times and bytes normalized', async () => {
    const rows = await readSqlState(url, `select * from ${table} order by id`)
    expect(rows).toEqual([
      {
        id: 1, big: 42, amount: 12.5, ratio: 0.25, name: 'a', flag: true, at: '2024-01-02 03:04:05.123456+00',
        day: '2024-01-02', doc: { a: [1, 2], b: 1 }, raw: '\\x00ff', nums: [1, 2], note: null,
      },
      {
        id: 2, big: '9223372036854775807', amount: '123456789012345678901234567890.5', ratio: 'NaN', name: 'b',
        flag: false, at: '2024-06-30 21:59:59+00', day: '2024-06-30', doc: null, raw: '\\x', nums: [], note: 'x',
      },
    ])
  })

  test('query parameters', async () => {
    expect(await readSqlState(url, `select id, name from ${table} where id = $1`, { params: [2] })).toEqual([{ id: 2, name: 'b' }])
  })

  test('two reads of the same table are idempotent; a changed row is reported', async () => {
    const q = `select id, big, amount from ${table}`
    const clean = await readSqlState(url, q)
    expect(judgeIdempotency({ clean, perturbed: await readSqlState(url, q), what: 'sql' }).violations).toEqual([])
    await sql(`update ${table} set amount = amount * 2 where id = 1`)
    const r = judgeIdempotency({ clean, perturbed: await readSqlState(url, q), what: 'sql' })
    expect(r.violations.map((v) => [v.kind, v.ids])).toEqual([
      ['missing-row', ['{"amount":12.5,"big":42,"id":1}']],
      ['extra-row', ['{"amount":25,"big":42,"id":1}']],
    ])
  })

  test('cleanup runs after the read (the run drops its own table), also when the query fails', async () => {
    const own = `${table}_run`
    await sql(`create table ${own} (id int4)`)
    await sql(`insert into ${own} values (7)`)
    expect(await readSqlState(url, `select id from ${own}`, { cleanup: `drop table ${own}` })).toEqual([{ id: 7 }])
    const exists = `select count(*)::int as n from pg_tables where tablename = '${own}'`
    expect(await readSqlState(url, exists)).toEqual([{ n: 0 }])
    await sql(`create table ${own} (id int4)`)
    await expect(readSqlState(url, `select nope from ${own}`, { cleanup: `drop table ${own}` })).rejects.toBeInstanceOf(InputError)
    expect(await readSqlState(url, exists)).toEqual([{ n: 0 }])
  })

  test('a query PostgreSQL rejects is an InputError naming the query', async () => {
    const err = await readSqlState(url, `select nope from ${table}`).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).message).toMatch(/SQL query failed on postgres:\/\/postgres@127\.0\.0\.1:5432\/test: column "nope" does not exist/)
    expect((err as InputError).detail.found).toBe(`select nope from ${table} (error at character 8)`)
  })

  test('a server that does not answer is an EnvironmentError, password redacted', async () => {
    const err = await readSqlState('postgres://u:secret@127.0.0.1:1/test', 'select 1').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(EnvironmentError)
    expect((err as EnvironmentError).code).toBe('ST_SQL_CONNECT')
    expect((err as EnvironmentError).message).toMatch(/^cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/test: /)
    expect((err as EnvironmentError).message).not.toContain('secret')
  })
})
