import { expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { evolveSchema } from '../../../src/perturb/evolve-schema.ts'
import { createRng } from '../../../src/perturb/rng.ts'
import { parsePerturbSpec } from '../../../src/perturb/spec.ts'
import { buildPlan } from '../../../src/replay/build-plan.ts'
import type { ProduceOp } from '../../../src/replay/plan.ts'
import { crash, eventsOnly, ev } from './steps.ts'

const schemasOf = (steps: ReturnType<ReturnType<typeof evolveSchema>>) => eventsOnly(steps).map((s) => s.event.schema ?? '-')

test('events from the point on carry the new schema; faults are not counted; values and order stay', () => {
  const steps = [ev(0, 0), ev(1, 1), crash, ev(2, 2), ev(3, 3), ev(4, 4)]
  const half = evolveSchema({ after: 0.5, schema: '/s/v2.avsc' })(steps, createRng(1))
  expect(schemasOf(half)).toEqual(['-', '-', '/s/v2.avsc', '/s/v2.avsc', '/s/v2.avsc'])
  expect(half[2]).toBe(crash)
  expect(eventsOnly(half).map((s) => s.event.value)).toEqual(eventsOnly(steps).map((s) => s.event.value))
  expect(schemasOf(evolveSchema({ at: 4, schema: 'v2' })(steps, createRng(1)))).toEqual(['-', '-', '-', '-', 'v2'])
  expect(schemasOf(evolveSchema({ at: 0, schema: 'v2' })(steps, createRng(1)))).toEqual(['v2', 'v2', 'v2', 'v2', 'v2'])
  expect(schemasOf(evolveSchema({ after: 1, schema: 'v2' })(steps, createRng(1)))).toEqual(['-', '-', '-', '-', '-'])
  // the input steps are not mutated
  expect(eventsOnly(steps).every((s) => s.event.schema === undefined)).toBe(true)
})

test('bad options are InputErrors naming the option', () => {
  expect(() => evolveSchema({ schema: '' , at: 1 })).toThrow(InputError)
  expect(() => evolveSchema({ schema: 'v2' })).toThrow(/one point/)
  expect(() => evolveSchema({ schema: 'v2', at: -1 })).toThrow(InputError)
  expect(parsePerturbSpec('evolve-schema:schema=v2.avsc:after=50%')).toEqual([{ kind: 'evolve-schema', schema: 'v2.avsc', after: 0.5 }])
  expect(() => parsePerturbSpec('evolve-schema:after=50%')).toThrow(/schema/)
})

test('in a plan: only the named topic changes schema, and its ops carry the schema file from the point on', () => {
  const e = (ts: number) => ({ key: 'k', value: { ts }, headers: {}, ts })
  const plan = buildPlan(
    [
      { topic: 'orders', partitions: 1, events: [e(1), e(3), e(5), e(7)] },
      { topic: 'other', partitions: 1, events: [e(2), e(4)] },
    ],
    [{ kind: 'evolve-schema', after: 0.5, schema: '/v2.avsc', topic: 'orders' }],
    1,
  )
  const ops = plan.ops as ProduceOp[]
  expect(ops.map((o) => `${o.topic}:${o.ts}:${o.schema ?? '-'}`)).toEqual([
    'orders:1:-', 'other:2:-', 'orders:3:-', 'other:4:-', 'orders:5:/v2.avsc', 'orders:7:/v2.avsc',
  ])
})
