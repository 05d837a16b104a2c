import { InputError } from '../errors.ts'
import { getPath, idText } from '../oracle/correlate.ts'
import type { PlanInput } from '../replay/build-plan.ts'
import type { Scenario } from '../scenario/index.ts'
import { readFixtureAll, type StreamEvent } from '../stream/index.ts'

/** Read every input stream of a scenario (fixture or inline events) into plan inputs. */
export async function loadInputs(scenario: Scenario, file: string): Promise<PlanInput[]> {
  return Promise.all(
    scenario.input.map(async (inp, i): Promise<PlanInput> => {
      const topic = scenario.topics[inp.topic]
      if (!topic) throw new InputError(`input topic "${inp.topic}" is not declared`, { file, path: `input[${i}].topic` })
      let events: StreamEvent[]
      if (inp.fixture !== undefined) events = await readFixtureAll(inp.fixture)
      else if (inp.events !== undefined) events = inp.events
      else throw new InputError('generated input needs the property runner (stream-test run with generate: is not wired yet)', { file, path: `input[${i}].generate` })
      const id = inp.id
      const planInput: PlanInput = { topic: inp.topic, partitions: topic.partitions, events }
      if (typeof id === 'function') planInput.idOf = (e) => id(e)
      else if (typeof id === 'string') planInput.idOf = (e) => idText(getPath(e, id))
      return planInput
    }),
  )
}
