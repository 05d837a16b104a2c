import { createServer } from 'node:net'
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
