import { expect, test } from 'vitest'
import { EnvironmentError } from '../../../../src/errors.ts'
import { startEmbeddedRegistry } from '../../../../src/env/registry/index.ts'

test('port 0 picks a free port; stop is idempotent, closes keep-alive connections and frees the port', async () => {
  const registry = await startEmbeddedRegistry({ port: 0 })
  expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(await (await fetch(`${registry.url}/subjects`)).json()).toEqual([]) // leaves a keep-alive connection open
  await Promise.all([registry.stop(), registry.stop()])
  await registry.stop()
  await expect(fetch(`${registry.url}/subjects`)).rejects.toThrow()
  const port = Number(new URL(registry.url).port)
  const again = await startEmbeddedRegistry({ port })
  expect(again.url).toBe(registry.url)
  await again[Symbol.asyncDispose]()
})

test('a port in use is an EnvironmentError naming host and port', async () => {
  const first = await startEmbeddedRegistry()
  const port = Number(new URL(first.url).port)
  try {
    const attempt = startEmbeddedRegistry({ port })
    await expect(attempt).rejects.toBeInstanceOf(EnvironmentError)
    await expect(attempt).rejects.toThrow(`Embedded schema registry could not listen on 127.0.0.1:${port}: listen EADDRINUSE`)
  } finally {
    await first.stop()
  }
})

test('each registry has its own state', async () => {
  const a = await startEmbeddedRegistry()
  const b = await startEmbeddedRegistry()
  try {
    const res = await fetch(`${a.url}/subjects/s/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: '"string"' }),
    })
    expect(await res.json()).toEqual({ id: 1 })
    expect(await (await fetch(`${a.url}/subjects`)).json()).toEqual(['s'])
    expect(await (await fetch(`${b.url}/subjects`)).json()).toEqual([])
  } finally {
    await Promise.all([a.stop(), b.stop()])
  }
})
