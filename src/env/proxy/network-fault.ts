import { InputError } from '../../errors.ts'

/** Which way bytes flow through a broker's proxy. */
export type Direction = 'to-broker' | 'to-client'

/**
 * A fault on a broker's proxy, active until its handle is removed:
 * - `delay`: every chunk waits `ms` before it is forwarded (in order), in `direction` or both ways;
 * - `stall`: bytes are held, then delivered in order when the fault is removed;
 * - `cut`: open connections are reset and new ones refused;
 * - `one-way`: bytes flowing `drop` are discarded (the connection stays open).
 */
export type NetworkFault =
  | { kind: 'delay'; ms: number; direction?: Direction }
  | { kind: 'stall'; direction?: Direction }
  | { kind: 'cut' }
  | { kind: 'one-way'; drop: Direction }

const DIRECTIONS: readonly Direction[] = ['to-broker', 'to-client']

/** Checks a fault given as data (from a scenario or a caller); a bad one is an InputError naming the field. */
export function checkNetworkFault(fault: NetworkFault, where = 'network fault'): NetworkFault {
  const dir = (d: unknown, field: string): void => {
    if (d !== undefined && !DIRECTIONS.includes(d as Direction)) {
      throw new InputError(`${where}: bad ${field}`, { expected: DIRECTIONS.join(' | '), found: String(d) })
    }
  }
  switch (fault.kind) {
    case 'delay':
      if (!Number.isFinite(fault.ms) || fault.ms < 0) throw new InputError(`${where}: bad ms`, { expected: 'a number of milliseconds ≥ 0', found: String(fault.ms) })
      dir(fault.direction, 'direction')
      return fault
    case 'stall':
      dir(fault.direction, 'direction')
      return fault
    case 'cut':
      return fault
    case 'one-way':
      if (fault.drop === undefined) throw new InputError(`${where}: one-way needs drop`, { expected: DIRECTIONS.join(' | '), found: 'nothing' })
      dir(fault.drop, 'drop')
      return fault
    default:
      throw new InputError(`${where}: unknown fault`, { expected: 'delay | stall | cut | one-way', found: String((fault as { kind: unknown }).kind) })
  }
}

/** What the active faults do to one direction: drop it, hold it, or delay it by `delayMs`. */
export function effectOn(faults: Iterable<NetworkFault>, direction: Direction): { drop: boolean; hold: boolean; delayMs: number } {
  let drop = false
  let hold = false
  let delayMs = 0
  for (const f of faults) {
    if (f.kind === 'one-way' && f.drop === direction) drop = true
    if (f.kind === 'stall' && (f.direction ?? direction) === direction) hold = true
    if (f.kind === 'delay' && (f.direction ?? direction) === direction) delayMs += f.ms
  }
  return { drop, hold, delayMs }
}
