import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { applyPerturbations, parsePerturbSpec, type PerturbSpec } from '../../../src/perturb/spec.ts'
import { arbSteps, eventsOnly, frozen } from './steps.ts'

describe('parsePerturbSpec', () => {
  test('parses the documented example', () => {
    expect(parsePerturbSpec('reorder:within=5s,duplicate:rate=0.1:copies=2,crash-sut:after=50%')).toEqual([
      { kind: 'reorder', withinMs: 5000 },
      { kind: 'duplicate', rate: 0.1, copies: 2 },
      { kind: 'crash-sut', after: 0.5 },
    ])
  })

  test('parses every perturbation and value form', () => {
    expect(
      parsePerturbSpec(
        ' reorder : positions=3 , late:rate=5%:by=300ms, burst:size=4:every=100, replay, replay:times=2,' +
          'duplicate:rate=1:spread=0, crash-sut, crash-sut:seeded, restart-broker:at=10, reorder:within=1500:positions=2, late:rate=.5:by=1h',
      ),
    ).toEqual([
      { kind: 'reorder', positions: 3 },
      { kind: 'late', rate: 0.05, byMs: 300 },
      { kind: 'burst', size: 4, every: 100 },
      { kind: 'replay' },
      { kind: 'replay', times: 2 },
      { kind: 'duplicate', rate: 1, spread: 0 },
      { kind: 'crash-sut' },
      { kind: 'crash-sut', seeded: true },
      { kind: 'restart-broker', at: 10 },
      { kind: 'reorder', withinMs: 1500, positions: 2 },
      { kind: 'late', rate: 0.5, byMs: 3_600_000 },
    ])
  })

  test.each([
    ['', '--perturb', 'name[:key=value...][,...]'],
    ['reorder:within=5s,', '--perturb[1]', 'a perturbation name'],
    ['shuffle:within=5s', '--perturb[0]', 'one of reorder, duplicate, late, burst, replay, crash-sut, pause-sut, scale-sut, restart-broker'],
    ['reorder:within=fast', '--perturb[0].within', "a duration like '300ms'"],
    ['reorder:speed=1', '--perturb[0].speed', 'a parameter of reorder: within, positions'],
    ['reorder', '--perturb[0]', 'within (a duration) and/or positions'],
    ['duplicate:copies=2', '--perturb[0].rate', 'rate: a rate from 0 to 1'],
    ['duplicate:rate=1.5', '--perturb[0].rate', 'a rate from 0 to 1'],
    ['duplicate:rate=0.1:rate=0.2', '--perturb[0].rate', 'rate at most once'],
    ['duplicate:rate=0.1:copies=0', '--perturb[0].copies', 'an integer >= 1'],
    ['late:rate=0.1', '--perturb[0].by', 'by: a duration'],
    ['burst:size=-1', '--perturb[0].size', 'an integer >= 1'],
    ['crash-sut:after=150%', '--perturb[0].after', "a fraction from 0 to 1, like '0.5' or '50%'"],
    ['crash-sut:at=3:after=10%', '--perturb[0]', 'one of at, after, seeded'],
    ['crash-sut:seeded=no', '--perturb[0].seeded', "no value, or 'true'"],
    ['crash-sut:at', '--perturb[0].at', 'an integer >= 0'],
  ])('%j is rejected at %s', (text, path, expected) => {
    let error: unknown
    try {
      parsePerturbSpec(text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    const e = error as InputError
    expect(e.detail.path).toBe(path)
    expect(e.detail.expected).toContain(expected)
    expect(e.exitCode).toBe(2)
  })

  test('the message names the part, what was expected and what was found', () => {
    expect(() => parsePerturbSpec('reorder:within=5s,duplicate:rate=lots')).toThrow(
      `bad --perturb part "duplicate:rate=lots"; at --perturb[1].rate; expected a rate from 0 to 1, like '0.1' or '10%'; found "lots"`,
    )
  })
})

const arbSpec: fc.Arbitrary<PerturbSpec> = fc.oneof(
  fc.record({ kind: fc.constant('reorder' as const), withinMs: fc.integer({ min: 0, max: 8000 }) }),
  fc.record({ kind: fc.constant('reorder' as const), positions: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), rate: fc.double({ min: 0, max: 1, noNaN: true }), copies: fc.integer({ min: 1, max: 2 }), spread: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('late' as const), rate: fc.double({ min: 0, max: 1, noNaN: true }), byMs: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ kind: fc.constant('burst' as const), size: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('replay' as const), times: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('crash-sut' as const), after: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('restart-broker' as const), seeded: fc.constant(true as const) }),
)

describe('applyPerturbations', () => {
  test('composed specs: same input and seed give the same JSON; originals are never lost', () => {
    fc.assert(
      fc.property(arbSteps({ maxLength: 30 }), fc.array(arbSpec, { maxLength: 4 }), fc.integer(), (steps, specs, seed) => {
        const a = applyPerturbations(frozen(steps), specs, seed)
        expect(JSON.stringify(a)).toBe(JSON.stringify(applyPerturbations(steps, specs, seed)))
        const ids = new Set(eventsOnly(a).map((s) => s.id))
        for (const s of eventsOnly(steps)) expect(ids.has(s.id)).toBe(true)
        const faults = (xs: typeof steps) => xs.filter((s) => s.kind === 'fault').length
        expect(faults(a)).toBe(faults(steps) + specs.filter((s) => s.kind === 'crash-sut' || s.kind === 'restart-broker').length)
      }),
      { numRuns: 100 },
    )
  })

  test('a different seed gives a different result', () => {
    const steps = eventsOnly(Array.from({ length: 40 }, (_, i) => ({ kind: 'event' as const, event: { key: 'k', value: i, headers: {}, ts: i }, id: `e${i}`, copy: 0 })))
    const specs = parsePerturbSpec('reorder:within=50,duplicate:rate=0.3')
    expect(JSON.stringify(applyPerturbations(steps, specs, 1))).not.toBe(JSON.stringify(applyPerturbations(steps, specs, 2)))
  })
})
