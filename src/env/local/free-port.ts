import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { EnvironmentError } from '../../errors.ts'

/** A port the OS says is free right now on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, host, () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** Lowest port of the range a node's listeners are drawn from. */
const LISTEN_LOW = 10_000

/** The first port the kernel hands out on its own (bind to 0, outgoing connections): Linux's ip_local_port_range. */
function ephemeralStart(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0])
    return Number.isInteger(first) && first > 0 ? first : 32_768
  } catch {
    return 32_768
  }
}

function listenOn(port: number, host: string): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const srv = createServer()
    srv.once('error', () => resolve(undefined))
    srv.listen(port, host, () => resolve(srv))
  })
}

/**
 * `n` distinct ports that are free right now, for a node's listeners, held open until every one is chosen.
 * Drawn below the kernel's ephemeral range: a killed node gets its ports back when it restarts, and a port
 * from that range, once released, can go to any outgoing connection or bind-to-0 on the machine in the
 * seconds the node is down (a fresh-clone run beside a test suite lost a node that way: "the JVM died during
 * start-up" in SocketServer). Outside it only another program that picks fixed ports can take one. Falls
 * back to ports the OS picks when the range below is too small to draw from.
 */
export async function freePorts(n: number, host = '127.0.0.1'): Promise<number[]> {
  const high = ephemeralStart()
  const servers: Server[] = []
  if (high - LISTEN_LOW >= 1000) {
    const tried = new Set<number>()
    while (servers.length < n && tried.size < 200) {
      const port = LISTEN_LOW + Math.floor(Math.random() * (high - LISTEN_LOW))
      if (tried.has(port)) continue
      tried.add(port)
      const srv = await listenOn(port, host)
      if (srv) servers.push(srv)
    }
  }
  while (servers.length < n) {
    const srv = await listenOn(0, host)
    if (!srv) throw new EnvironmentError(`no free port on ${host}`, 'ST_NO_PORT')
    servers.push(srv)
  }
  const ports = servers.map((srv) => (srv.address() as { port: number }).port)
  await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(resolve))))
  return ports
}

/** Fails with a one-line EnvironmentError when `port` is already taken. */
export function ensurePortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', (err: NodeJS.ErrnoException) =>
      reject(new EnvironmentError(`port ${host}:${port} is in use (${err.code ?? err.message}); choose another or stop what holds it`, 'ST_PORT_IN_USE')),
    )
    srv.listen(port, host, () => srv.close(() => resolve()))
  })
}
