import { BROKER_STEPS, type FaultKind } from '../perturb/index.ts'
import type { Scenario } from '../scenario/index.ts'

/**
 * Why a scenario must run with no other scenario running, or undefined when it may share the
 * environment: it says `exclusive: true`, a step of it restarts, kills or pauses a broker or cuts the
 * network (every concurrent scenario would feel it), or it asks for `environment:` cluster settings.
 */
export function whyAlone(s: Pick<Scenario, 'perturb' | 'environment' | 'exclusive'>): string | undefined {
  if (s.exclusive === true) return 'exclusive: true'
  const step = s.perturb.find((p) => BROKER_STEPS.has(p.kind as FaultKind))
  if (step) return `its ${step.kind} step`
  if (s.environment !== undefined) return 'environment: settings'
  return undefined
}
