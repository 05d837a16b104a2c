import { expect, test } from 'vitest'
import { whyAlone } from '../../../src/runner/runs-alone.ts'
import type { Scenario } from '../../../src/scenario/index.ts'

const step = (kind: string) => ({ kind }) as Scenario['perturb'][number]

test('a scenario shares the environment unless it says exclusive, touches a broker or the network, or sets environment:', () => {
  expect(whyAlone({ perturb: [step('crash-sut'), step('reorder')], environment: undefined })).toBeUndefined()
  expect(whyAlone({ perturb: [], environment: undefined, exclusive: false })).toBeUndefined()
  expect(whyAlone({ perturb: [], environment: undefined, exclusive: true })).toBe('exclusive: true')
  for (const kind of ['restart-broker', 'kill-broker', 'pause-broker', 'network']) expect(whyAlone({ perturb: [step('crash-sut'), step(kind)], environment: undefined })).toBe(`its ${kind} step`)
  expect(whyAlone({ perturb: [], environment: { nodes: 1 } })).toBe('environment: settings')
})
