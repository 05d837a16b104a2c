import type { EventStep, FaultStep, Step } from '../step.ts'

/** A fault and the number of event steps that came before it. */
export interface PinnedFault {
  before: number
  step: FaultStep
}

export function splitFaults(steps: readonly Step[]): { events: EventStep[]; faults: PinnedFault[] } {
  const events: EventStep[] = []
  const faults: PinnedFault[] = []
  for (const step of steps) {
    if (step.kind === 'event') events.push(step)
    else faults.push({ before: events.length, step })
  }
  return { events, faults }
}

/** Puts each fault back after `before` events, keeping the faults' own order. */
export function placeFaults(events: readonly EventStep[], faults: readonly PinnedFault[]): Step[] {
  if (faults.length === 0) return events.slice()
  const out: Step[] = []
  let f = 0
  for (let i = 0; i <= events.length; i++) {
    while (f < faults.length && faults[f]!.before <= i) out.push(faults[f++]!.step)
    if (i < events.length) out.push(events[i]!)
  }
  return out
}

/**
 * Runs a transform that keeps the number of events on the events alone; every fault keeps its
 * place by count (a fault that had k events before it has k events before it afterwards).
 */
export function mapEvents(steps: readonly Step[], transform: (events: EventStep[]) => EventStep[]): Step[] {
  const { events, faults } = splitFaults(steps)
  const moved = transform(events)
  if (moved.length !== events.length) throw new Error('internal: a count-preserving perturbation changed the count')
  return placeFaults(moved, faults)
}
