import { InputError } from '../errors.ts'
import type { Perturb } from '../perturb/index.ts'
import type { PerturbSpec } from '../perturb/spec.ts'
import { toPlanSpecs } from '../runner/plan-specs.ts'
import { perturbSchema } from '../scenario/perturb-schema.ts'

/**
 * Turns perturbations as users write them (the factories above, scenario-style objects, or the plan's
 * own `{ kind, ... }` specs) into plan specs. Bad options throw an InputError naming the item.
 */
export function toPerturbSpecs(items: readonly (Perturb | PerturbSpec)[]): PerturbSpec[] {
  return items.map((item, i) => {
    if ('kind' in item && typeof item.kind === 'string') return item as PerturbSpec
    const r = perturbSchema.safeParse(item)
    if (!r.success) {
      const issue = r.error.issues[0]
      throw new InputError('bad perturbation', {
        path: ['perturb', i, ...(issue?.path ?? [])].map(String).join('.'),
        expected: issue?.message ?? 'a perturbation such as reorder({ within: "5s" })',
        found: JSON.stringify(item),
      })
    }
    return toPlanSpecs([r.data])[0] as PerturbSpec
  })
}
