import { eventStreams, expect, streamProperty, test } from 'stream-test/vitest'

// fast-check on a real broker: each generated stream goes through the service in its own topics
test('any stream of orders comes out enriched exactly once', { timeout: 300_000 }, async ({ streams, sut, replay, collect }) => {
  await streamProperty(
    eventStreams({ keys: 3, maxEvents: 20 }),
    async (events, run) => {
      const orders = await streams.topic(`orders-${run.index}`)
      const enriched = await streams.topic(`enriched-${run.index}`)
      const app = await sut.start({
        command: 'node',
        args: ['src/enricher.mjs'],
        env: { ST_TOPIC_ORDERS: orders.name, ST_TOPIC_ENRICHED: enriched.name },
        ready: { log: '^ready$' },
      })
      const sent = await replay(orders, events, { seed: run.index })
      expect(await collect(enriched, { settle: 200 })).toBeExactlyOnce(sent)
      await app.stop()
    },
    { numRuns: 3, seed: 42 },
  )
})
