import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { expect, test } from 'vitest'
import { freePorts } from '../../../../src/env/local/free-port.ts'

const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0])

test('a node gets distinct free ports below the kernel ephemeral range, which outgoing connections never take', async () => {
  const ports = await freePorts(12)
  expect(new Set(ports).size).toBe(12)
  for (const port of ports) expect(port).toBeLessThan(ephemeralStart)
  // each is free: it can be listened on now
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const srv = createServer()
      srv.once('error', reject)
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()))
    })
  }
})
