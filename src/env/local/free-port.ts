import { readFileSync } from 'node:fs'
import { createServer, Server, type AddressInfo } from 'node:net'
import { EnvironmentError } from '../../errors.ts'

/** A port the OS says is free right now on `host`. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const srv = await listenOn(0, host)
  if (!(srv instanceof Server)) throw srv
  const port = (srv.address() as AddressInfo).port
  await close(srv)
  return port
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

/** Listen on `host`:`port` (0: a port the OS picks): the server, or the error that refused the port. */
function listenOn(port: number, host: string): Promise<Server | NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    const srv = createServer()
    srv.once('error', resolve)
    srv.listen(port, host, () => resolve(srv))
  })
}

const close = (srv: Server): Promise<void> => new Promise((resolve) => srv.close(() => resolve()))

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
      if (srv instanceof Server) servers.push(srv)
    }
  }
  while (servers.length < n) {
    const srv = await listenOn(0, host)
    if (!(srv instanceof Server)) throw new EnvironmentError(`no free port on ${host} (${srv.code ?? srv.message})`, 'ST_NO_PORT')
    servers.push(srv)
  }
  const ports = servers.map((srv) => (srv.address() as { port: number }).port)
  await Promise.all(servers.map(close))
  return ports
}

/** Fails with a one-line EnvironmentError when `port` is already taken. */
export async function ensurePortFree(port: number, host = '127.0.0.1'): Promise<void> {
  const srv = await listenOn(port, host)
  if (!(srv instanceof Server)) throw new EnvironmentError(`port ${host}:${port} is in use (${srv.code ?? srv.message}); choose another or stop what holds it`, 'ST_PORT_IN_USE')
  await close(srv)
}
