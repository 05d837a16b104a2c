import { createServer, connect, type Server, type Socket } from 'node:net'
import { EnvironmentError } from '../../errors.ts'
import { effectOn, type Direction, type NetworkFault } from './network-fault.ts'

/** A TCP proxy in front of one broker listener, able to delay, stall, cut or drop what flows through it. */
export interface TcpProxy {
  readonly host: string
  readonly port: number
  /** connections accepted since start (connections refused during a cut are not counted) */
  readonly accepted: number
  /** connections open now */
  readonly open: number
  /** bytes waiting in the proxy now (delayed or stalled), and bytes a one-way fault dropped so far */
  readonly held: number
  readonly dropped: number
  /** turn `fault` on; the returned function turns it off (held bytes are then delivered in order) */
  fault(fault: NetworkFault): () => void
  /** the broker behind it is dead: open connections are reset and the port refuses new ones, as a dead broker's does */
  brokerDown(): Promise<void>
  /** the broker is back: the proxy listens again on the same port */
  brokerUp(): Promise<void>
  close(): Promise<void>
}

/** Above this many bytes held in one direction, the proxy stops reading from the sender. */
const HIGH_WATER = 4 * 1024 * 1024

/** One direction of one connection: chunks leave in the order they came, each no earlier than its due time. */
class Pipe {
  private readonly queue: { buf: Buffer; due: number }[] = []
  queued = 0
  dropped = 0
  private timer: NodeJS.Timeout | undefined

  private readonly src: Socket
  private readonly dst: Socket
  private readonly direction: Direction
  private readonly faults: () => Iterable<NetworkFault>

  constructor(src: Socket, dst: Socket, direction: Direction, faults: () => Iterable<NetworkFault>) {
    this.src = src
    this.dst = dst
    this.direction = direction
    this.faults = faults
    src.on('data', (buf) => this.onData(buf))
    dst.on('drain', () => this.pump())
  }

  private onData(buf: Buffer): void {
    const effect = effectOn(this.faults(), this.direction)
    if (effect.drop) {
      this.dropped += buf.length
      return
    }
    if (this.queue.length === 0 && !effect.hold && effect.delayMs === 0) {
      // the fast path: no fault, nothing queued
      if (!this.dst.write(buf)) this.src.pause()
      return
    }
    this.queue.push({ buf, due: Date.now() + effect.delayMs })
    this.queued += buf.length
    if (this.queued > HIGH_WATER) this.src.pause()
    this.pump()
  }

  /** Forward every chunk that is due, unless the direction is held; called again on a timer, on drain and when faults change. */
  pump(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.dst.destroyed) return
    const { hold } = effectOn(this.faults(), this.direction)
    while (this.queue.length > 0 && !hold) {
      const head = this.queue[0]!
      const wait = head.due - Date.now()
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait)
        break
      }
      this.queue.shift()
      this.queued -= head.buf.length
      this.dst.write(head.buf)
    }
    if (this.queued <= HIGH_WATER && !this.dst.writableNeedDrain && this.src.isPaused()) this.src.resume()
  }

  dispose(): void {
    clearTimeout(this.timer)
    this.queue.length = 0
  }
}

interface Connection {
  client: Socket
  upstream: Socket
  pipes: Pipe[]
}

/** Listen on `host`:`port` (0: a free port) and forward every connection to `target`. */
export async function startTcpProxy(target: { host: string; port: number }, opts: { host?: string; port?: number } = {}): Promise<TcpProxy> {
  const host = opts.host ?? '127.0.0.1'
  const faults = new Set<NetworkFault>()
  const connections = new Set<Connection>()
  let accepted = 0
  let droppedByClosed = 0
  const active = (): Iterable<NetworkFault> => faults
  const cutting = (): boolean => [...faults].some((f) => f.kind === 'cut')

  const server: Server = createServer({ noDelay: true }, (client) => {
    if (cutting()) {
      client.on('error', () => undefined)
      client.resetAndDestroy()
      return
    }
    accepted++
    const upstream = connect({ host: target.host, port: target.port, noDelay: true })
    // the broker refused: say so as it would have, with a reset rather than an orderly close
    upstream.once('error', () => {
      if (!upstream.connecting) return
      client.on('error', () => undefined)
      client.resetAndDestroy()
    })
    const conn: Connection = { client, upstream, pipes: [] }
    conn.pipes.push(new Pipe(client, upstream, 'to-broker', active), new Pipe(upstream, client, 'to-client', active))
    connections.add(conn)
    const end = (): void => {
      if (!connections.delete(conn)) return
      for (const p of conn.pipes) {
        droppedByClosed += p.dropped
        p.dispose()
      }
      client.destroy()
      upstream.destroy()
    }
    for (const s of [client, upstream]) {
      s.on('error', end)
      s.on('close', end)
    }
  })
  // each broker restart listens again: the error listener of a listen that succeeded must go with it
  const listen = (port: number): Promise<void> => new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void => reject(new EnvironmentError(`proxy for ${target.host}:${target.port} cannot listen on ${host}:${port}: ${err.message}`, 'ST_PROXY'))
    server.once('error', failed)
    server.listen(port, host, () => {
      server.off('error', failed)
      resolve()
    })
  })
  await listen(opts.port ?? 0)
  const port = (server.address() as { port: number }).port
  let listening = true
  let closed = false

  const reset = (conn: Connection): void => {
    conn.client.resetAndDestroy()
    conn.upstream.resetAndDestroy()
  }
  return {
    host,
    port,
    get accepted() {
      return accepted
    },
    get open() {
      return connections.size
    },
    get held() {
      return [...connections].reduce((n, c) => n + c.pipes.reduce((m, p) => m + p.queued, 0), 0)
    },
    get dropped() {
      return [...connections].reduce((n, c) => n + c.pipes.reduce((m, p) => m + p.dropped, 0), droppedByClosed)
    },
    fault(fault) {
      faults.add(fault)
      if (fault.kind === 'cut') for (const c of connections) reset(c)
      let removed = false
      return () => {
        if (removed) return
        removed = true
        faults.delete(fault)
        for (const c of connections) for (const p of c.pipes) p.pump()
      }
    },
    async brokerDown() {
      if (!listening) return
      listening = false
      const closing = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const c of connections) reset(c)
      await closing
    },
    async brokerUp() {
      if (listening || closed) return
      await listen(port)
      listening = true
    },
    close() {
      closed = true
      for (const c of connections) reset(c)
      if (!listening) return Promise.resolve()
      listening = false
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
