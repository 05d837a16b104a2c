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

/**
 * `n` distinct ports that are free right now: all are held open until every one is chosen (ports taken
 * one by one can repeat, as the OS may hand a just-closed port out again).
 */
export async function freePorts(n: number, host = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<Server>((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, host, () => resolve(srv))
  })))
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
