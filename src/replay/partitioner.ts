/**
 * Kafka's default partitioner for keyed records, exactly as the Java client computes it
 * (`Utils.murmur2`, seed 0x9747b28c, over the serialized key bytes; here the UTF-8 bytes of a string
 * key): `(murmur2(bytes) & 0x7fffffff) % partitions`. Java, kafkajs's DefaultPartitioner and
 * librdkafka's `murmur2_random` agree on it, so a plan's partitions are the ones a SUT's own producer
 * would choose for the same key.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length
  const m = 0x5bd1e995
  let h = 0x9747b28c ^ length
  const length4 = length >>> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24)
    k = Math.imul(k, m)
    k ^= k >>> 24
    k = Math.imul(k, m)
    h = Math.imul(h, m) ^ k
  }
  const tail = length & ~3
  const rest = length % 4
  if (rest === 3) h ^= data[tail + 2]! << 16
  if (rest >= 2) h ^= data[tail + 1]! << 8
  if (rest >= 1) {
    h ^= data[tail]!
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}

/** The partition counter for keyless records; the caller owns one per topic. */
export interface RoundRobin {
  next(): number
}

/** Keyless records go to start % n, start+1 % n, ... in the order they are asked for. */
export function roundRobin(start = 0): RoundRobin {
  let counter = start
  return { next: () => counter++ }
}

/**
 * The partition of a record. Keyed: murmur2 as above (a string key is hashed as UTF-8; an empty
 * string is a key, not null). Keyless: the next value of the caller's round robin, modulo
 * `partitions` - deterministic, unlike the random start and sticky batching of real producers,
 * because the plan pins every partition explicitly.
 */
export function partitionFor(key: string | Uint8Array | null, partitions: number, rr?: RoundRobin): number {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be an integer >= 1, got ${partitions}`)
  if (key === null) {
    if (rr === undefined) throw new Error('partitionFor: a keyless record needs a round robin (roundRobin())')
    return rr.next() % partitions
  }
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key
  return (murmur2(bytes) & 0x7fffffff) % partitions
}
