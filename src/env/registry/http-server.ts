import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EnvironmentError } from '../../errors.ts'
import { RegistryError } from './registry-error.ts'
import { handleRequest, type RegistryResponse } from './routes.ts'
import { RegistryStore } from './store.ts'

export interface EmbeddedRegistryOptions {
  /** 0 (the default) picks a free port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
}

/** A running embedded schema registry. `stop()` is idempotent; `await using` stops it too. */
export interface EmbeddedRegistry extends AsyncDisposable {
  /** e.g. `http://127.0.0.1:41234`, for SCHEMA_REGISTRY_URL and `new SchemaRegistry({ host })` */
  url: string
  stop(): Promise<void>
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json'
const MAX_BODY_BYTES = 16 * 1024 * 1024

/**
 * Start an in-memory schema registry that answers the Confluent Schema Registry REST API clients use
 * (subjects, versions, ids, config, compatibility). State lives until `stop()`.
 */
export async function startEmbeddedRegistry(opts: EmbeddedRegistryOptions = {}): Promise<EmbeddedRegistry> {
  const host = opts.host ?? '127.0.0.1'
  const port = opts.port ?? 0
  const store = new RegistryStore()
  const server = createServer((req, res) => void answer(store, req, res))
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => {
      reject(new EnvironmentError(`Embedded schema registry could not listen on ${host}:${port}: ${err.message}`, 'ST_REGISTRY_LISTEN', { cause: err }))
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })

  const { port: boundPort } = server.address() as AddressInfo
  let stopped: Promise<void> | undefined
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }))
  return { url: `http://${urlHost(host)}:${boundPort}`, stop, [Symbol.asyncDispose]: stop }
}

async function answer(store: RegistryStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: RegistryResponse
  try {
    const body = await readBody(req)
    response = handleRequest(store, req.method ?? 'GET', req.url ?? '/', body)
  } catch (err) {
    if (!(err instanceof RegistryError)) {
      req.destroy() // the connection failed while the body was read: nobody to answer
      return
    }
    response = { status: err.status, body: err.toBody() }
  }
  const text = response.raw && typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
  res.writeHead(response.status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        reject(new RegistryError(413, 413, `Request body larger than ${MAX_BODY_BYTES} bytes`))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The host as a URL names it: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
