import { expect, test } from 'vitest'
import { toPlanSpecs } from '../../../src/runner/plan-specs.ts'
import { faultScenario, loadWithOrders, refusal } from './tmp-files.ts'

const scenario = (sut: string, perturb: string) => faultScenario({ sut, perturb })
const load = loadWithOrders
const problem = (sut: string, perturb: string): Promise<string> => refusal(scenario(sut, perturb))

test('instances, pause-sut, scale-sut and crash-sut options load into plan specs', async () => {
  const { loading } = await load(
    scenario(
      '{ command: node, instances: 2 }',
      '  - crash-sut: { after: 30%, instance: 1, on: offset-committed, evict: false }\n  - pause-sut: { after: 50%, for: 5s, evict: true }\n  - scale-sut: { at: 3, to: 3 }',
    ),
  )
  const s = await loading
  expect(s.sut.instances).toBe(2)
  expect(toPlanSpecs(s.perturb)).toEqual([
    { kind: 'crash-sut', after: 0.3, instance: 1, on: 'offset-committed', evict: false },
    { kind: 'pause-sut', after: 0.5, evict: true, forMs: 5000 },
    { kind: 'scale-sut', at: 3, to: 3 },
  ])
})

test('an instance the SUT does not have is bad input at its line', async () => {
  const msg = await problem('{ command: node, instances: 2 }', '  - crash-sut: { after: 50%, instance: 5 }')
  expect(msg).toContain('x.scenario.yaml:9:')
  expect(msg).toContain('at perturb[0].crash-sut.instance; expected an instance below 2 (sut.instances is 2; instances count from 0)')
})

test('an instance added by scale-sut may be named', async () => {
  const { loading } = await load(scenario('{ command: node, instances: 2 }', '  - scale-sut: { at: 1, to: 3 }\n  - crash-sut: { after: 50%, instance: 2 }'))
  await expect(loading).resolves.toBeDefined()
})

test('pause-sut without for, and scale-sut to 0, are bad input', async () => {
  expect(await problem('{ command: node }', '  - pause-sut: { after: 50% }')).toMatch(/x\.scenario\.yaml:9:\d+: .*perturb\[0\]\.pause-sut\.for/)
  expect(await problem('{ command: node }', '  - scale-sut: { after: 50%, to: 0 }')).toMatch(/x\.scenario\.yaml:9:\d+: .*perturb\[0\]\.scale-sut\.to; expected a number >= 1/)
  expect(await problem('{ command: node }', '  - crash-sut: { after: 50%, on: sometime }')).toContain('perturb[0].crash-sut.on')
})
