import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { renderArgs, sutEnv, topicEnvName } from '../../../src/sut/index.ts'
import { ctx } from './fixtures.ts'

describe('sutEnv', () => {
  test('gives brokers, registry, run, group and one variable per topic', () => {
    expect(sutEnv(ctx)).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
      ST_RUN_ID: 'r1',
      ST_GROUP_ID: 'st.r1.sut',
      ST_INSTANCE: '0',
      ST_TOPIC_ORDERS: 'st.r1.orders',
      ST_TOPIC_PAGE_VIEWS_V2: 'st.r1.page-views.v2',
    })
  })

  test('topic names become upper case with other characters as _', () => {
    expect(topicEnvName('orders')).toBe('ST_TOPIC_ORDERS')
    expect(topicEnvName('page-views.v2')).toBe('ST_TOPIC_PAGE_VIEWS_V2')
    expect(topicEnvName('Ümlaut x')).toBe('ST_TOPIC__MLAUT_X')
  })

  test('two topics that map to one variable are an input error', () => {
    const clash = { ...ctx, topics: { 'a-b': 't1', 'a.b': 't2' } }
    expect(() => sutEnv(clash)).toThrow(InputError)
    expect(() => sutEnv(clash)).toThrow('topics "a-b" and "a.b" both map to the environment variable ST_TOPIC_A_B')
  })
})

describe('renderArgs', () => {
  test('replaces every placeholder, several per argument, spaces inside braces allowed', () => {
    expect(
      renderArgs(
        ['--brokers={{brokers}}', '{{registry}}', '{{ group }}', 'run-{{runId}}', '{{topics.orders}}:{{topics.page-views.v2}}', 'plain'],
        ctx,
      ),
    ).toEqual([
      '--brokers=127.0.0.1:9092,127.0.0.1:9093',
      'http://127.0.0.1:8081',
      'st.r1.sut',
      'run-r1',
      'st.r1.orders:st.r1.page-views.v2',
      'plain',
    ])
  })

  test('an unknown placeholder names itself, where it is, and the known ones', () => {
    let err: unknown
    try {
      renderArgs(['--in', '{{topics.order}}'], ctx)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    const e = err as InputError
    expect(e.detail).toEqual({
      path: 'sut.args[1]',
      expected: 'one of {{brokers}}, {{registry}}, {{group}}, {{runId}}, {{instance}}, {{topics.orders}}, {{topics.page-views.v2}}',
      found: '{{topics.order}}',
    })
    expect(e.message).toBe(
      'unknown placeholder {{topics.order}} in "{{topics.order}}"; at sut.args[1]; expected one of {{brokers}}, {{registry}}, {{group}}, {{runId}}, {{instance}}, {{topics.orders}}, {{topics.page-views.v2}}; found {{topics.order}}',
    )
  })
})
