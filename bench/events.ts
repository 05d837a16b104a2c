import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { StreamEvent } from '../src/stream/event.ts'

const T0 = 1_700_000_000_000

/** The i-th benchmark event: a JSON value of about 100 bytes, one ms of event time apart. */
export function benchEvent(i: number): StreamEvent {
  const n = String(i).padStart(8, '0')
  return {
    key: `customer-${i % 1000}`,
    value: { orderId: `order-${n}`, customer: `customer-${i % 1000}`, amount: (i % 50_000) / 100, currency: 'EUR', note: 'bench-payload' },
    headers: {},
    ts: T0 + i,
  }
}

export function benchEvents(n: number): StreamEvent[] {
  return Array.from({ length: n }, (_, i) => benchEvent(i))
}

/** Size of one value as the replay sends it (JSON bytes). */
export function valueBytes(e: StreamEvent): number {
  return Buffer.byteLength(JSON.stringify(e.value))
}

/** Write `n` events as a JSONL fixture without holding them in memory. */
export async function writeJsonl(file: string, n: number): Promise<void> {
  const out = createWriteStream(file)
  for (let i = 0; i < n; i++) {
    const e = benchEvent(i)
    if (!out.write(`${JSON.stringify({ key: e.key, value: e.value, headers: e.headers, ts: e.ts })}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}
