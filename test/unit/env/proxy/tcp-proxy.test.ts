import { createServer, connect, type Server, type Socket } from 'node:net'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { startTcpProxy, type TcpProxy } from '../../../../src/env/proxy/index.ts'

// plain TCP behaviour of the proxy (no Kafka protocol here): a server that echoes every chunk back
let echo: Server
let proxy: TcpProxy
const open: Socket[] = []

beforeEach(async () => {
  echo = createServer((s) => {
    open.push(s)
    s.on('data', (d) => s.write(d))
    s.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
  proxy = await startTcpProxy({ host: '127.0.0.1', port: (echo.address() as { port: number }).port })
})

afterEach(async () => {
  await proxy.close()
  for (const s of open.splice(0)) s.destroy()
  await new Promise((resolve) => echo.close(resolve))
})

/** A client of the proxy that collects what comes back. */
async function client(): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const socket = connect({ host: '127.0.0.1', port: proxy.port })
  open.push(socket)
  let got = ''
  socket.on('data', (d) => (got += d.toString()))
  socket.on('error', () => undefined)
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  return { socket, received: () => got, closed }
}

test('forwards both ways and counts connections', async () => {
  const a = await client()
  const b = await client()
  a.socket.write('hello')
  b.socket.write('world')
  await vi.waitFor(() => expect([a.received(), b.received()]).toEqual(['hello', 'world']))
  expect(proxy.accepted).toBe(2)
  expect(proxy.open).toBe(2)
})

test('delay: chunks that came in during the fault leave after it, in order; an undelayed connection overtakes them', async () => {
  const slow = await client()
  const fast = await client()
  const off = proxy.fault({ kind: 'delay', ms: 1500, direction: 'to-client' })
  const sentAt = Date.now()
  slow.socket.write('a')
  await vi.waitFor(() => expect(proxy.held, 'the echo of "a" held by the delay').toBe(1))
  slow.socket.write('b')
  await vi.waitFor(() => expect(proxy.held, 'the echoes of "a" and "b" held').toBe(2))
  off()
  // the fault is off: the other connection passes at once, the held chunks keep their due time
  fast.socket.write('x')
  await vi.waitFor(() => expect(fast.received()).toBe('x'))
  expect(slow.received(), 'nothing of the delayed connection yet').toBe('')
  await vi.waitFor(() => expect(slow.received()).toBe('ab'), { timeout: 5_000 })
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1500)
})

test('stall: bytes are held while it is on and delivered in order when it is removed', async () => {
  const c = await client()
  const other = await client()
  const off = proxy.fault({ kind: 'stall', direction: 'to-broker' })
  for (const part of ['1', '2', '3']) c.socket.write(part)
  other.socket.write('?')
  await vi.waitFor(() => expect(proxy.held, 'all four bytes held by the stall').toBe(4))
  expect(c.received() + other.received()).toBe('')
  off()
  await vi.waitFor(() => expect(c.received()).toBe('123'))
  await vi.waitFor(() => expect(other.received()).toBe('?'))
  expect(proxy.held).toBe(0)
})

test('cut: open connections are reset, new ones refused until it is removed', async () => {
  const c = await client()
  const off = proxy.fault({ kind: 'cut' })
  await c.closed
  const refused = connect({ host: '127.0.0.1', port: proxy.port })
  const refusedClosed = new Promise<void>((resolve) => refused.once('close', () => resolve()))
  refused.on('error', () => undefined)
  await refusedClosed
  expect(proxy.accepted).toBe(1)
  off()
  const again = await client()
  again.socket.write('back')
  await vi.waitFor(() => expect(again.received()).toBe('back'))
  expect(proxy.accepted).toBe(2)
})

test('one-way: answers are dropped while requests still reach the server; the connection stays open', async () => {
  const c = await client()
  const off = proxy.fault({ kind: 'one-way', drop: 'to-client' })
  c.socket.write('ping')
  // the echo server got "ping" and answered: the answer is what the proxy dropped
  await vi.waitFor(() => expect(proxy.dropped).toBe(4))
  expect(c.received()).toBe('')
  off()
  c.socket.write('pong')
  await vi.waitFor(() => expect(c.received()).toBe('pong'))
  expect(c.socket.destroyed).toBe(false)
})
