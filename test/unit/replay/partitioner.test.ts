import { Partitioners } from 'kafkajs'
import { describe, expect, test } from 'vitest'
import { createRng } from '../../../src/perturb/rng.ts'
import { murmur2, partitionFor, roundRobin } from '../../../src/replay/partitioner.ts'

const utf8 = (s: string) => Buffer.from(s, 'utf8')

/** 1000 seeded random keys of 0..40 code points: ASCII, Latin-1, CJK and astral (emoji) characters. */
function randomKeys(): string[] {
  const rng = createRng(42)
  const ranges: [number, number][] = [[0x20, 0x7e], [0xa0, 0xff], [0x4e00, 0x9fff], [0x1f300, 0x1f5ff]]
  return Array.from({ length: 1000 }, () => {
    let key = ''
    for (let n = rng.int(0, 40); n > 0; n--) {
      const [lo, hi] = ranges[rng.int(0, ranges.length - 1)]!
      key += String.fromCodePoint(rng.int(lo, hi))
    }
    return key
  })
}

describe('murmur2', () => {
  // values from Kafka's own clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java (testMurmur2)
  test.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) is %i, as in Java', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected)
  })
})

describe('partitionFor', () => {
  test('agrees with kafkajs DefaultPartitioner (Java-compatible) on 1000 random keys', () => {
    const kafkajs = Partitioners.DefaultPartitioner()
    const keys = randomKeys()
    expect(new Set(keys).size).toBeGreaterThan(950)
    const mismatches: string[] = []
    const seen = new Set<number>()
    for (const key of keys) {
      for (const partitions of [1, 3, 7, 12, 100]) {
        const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }))
        const expected = kafkajs({ topic: 't', partitionMetadata, message: { key, value: null } })
        const actual = partitionFor(key, partitions)
        if (actual !== expected) mismatches.push(`${JSON.stringify(key)} % ${partitions}: ${actual} != ${expected}`)
        if (partitions === 100) seen.add(actual)
      }
    }
    expect(mismatches).toEqual([])
    expect(seen.size).toBeGreaterThan(90)
  })

  test('bytes and the same string as UTF-8 land on the same partition', () => {
    expect(partitionFor(utf8('clé-ü'), 12)).toBe(partitionFor('clé-ü', 12))
    expect(partitionFor('', 7)).toBe((murmur2(new Uint8Array()) & 0x7fffffff) % 7)
  })

  test('keyless records take the caller round robin in order', () => {
    const rr = roundRobin()
    expect([0, 1, 2, 3, 4].map(() => partitionFor(null, 3, rr))).toEqual([0, 1, 2, 0, 1])
    expect(partitionFor(null, 4, roundRobin(6))).toBe(2)
    expect(() => partitionFor(null, 3)).toThrow(/round robin/)
  })

  test('rejects a bad partition count', () => {
    expect(() => partitionFor('k', 0)).toThrow(RangeError)
  })
})
