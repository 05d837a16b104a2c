import type { StreamEvent } from '../stream/event.ts'
import { toProduceOp, toStep, type PlanInput } from './build-plan.ts'
import type { RoundRobin } from './partitioner.ts'
import type { ProduceOp } from './plan.ts'

/**
 * The plan of one unperturbed input, one op at a time: exactly the ops `buildPlan([input], [], seed)`
 * would give, without holding the stream or the plan in memory. Replaying a 10 M-line fixture this
 * way costs memory for one batch, not for the fixture.
 */
export async function* streamOps(events: AsyncIterable<StreamEvent>, input: Omit<PlanInput, 'events'>): AsyncGenerator<ProduceOp> {
  const rr = new Map<string, RoundRobin>()
  const full: PlanInput = { ...input, events: [] }
  let j = 0
  for await (const event of events) {
    yield toProduceOp(toStep(full, 0, event, j, 0), j, input.topic, input.partitions, rr)
    j++
  }
}
