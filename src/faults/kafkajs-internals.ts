import { createRequire } from 'node:module'
import type { Kafka } from 'kafkajs'

/**
 * The few KafkaJS 2.2.x internals the group fault steps need: its cluster (connection, TLS, SASL, retries
 * and FindCoordinator, configured exactly like the client `kafkaFor` made), the coordinator's connection
 * to send a request KafkaJS has no public API for, and its protocol encoder, decoder and error table.
 * KafkaJS 2.2.4 has no `exports` map and is no longer developed, so these paths are stable; if one is
 * missing, `kafkajsInternals()` says which.
 */

/** KafkaJS's protocol encoder (`kafkajs/src/protocol/encoder.js`), the methods used here. */
export interface Encoder {
  writeInt8(v: number): Encoder
  writeInt16(v: number): Encoder
  writeInt32(v: number): Encoder
  writeBoolean(v: boolean): Encoder
  writeString(v: string | null): Encoder
  writeArray(v: unknown[], type?: 'string' | 'object' | 'int32'): Encoder
  writeUVarInt(v: number): Encoder
  writeUVarIntString(v: string | null): Encoder
  writeUVarIntArray(v: unknown[], type?: 'string' | 'object'): Encoder
  writeEncoder(v: Encoder): Encoder
  buffer: Buffer
}

/** KafkaJS's protocol decoder (`kafkajs/src/protocol/decoder.js`), the methods used here. */
export interface Decoder {
  readInt16(): number
  readInt32(): number
  readString(): string | null
  readBytes(): Buffer | null
  readArray<T>(reader: (d: Decoder) => T): T[]
  readUVarIntString(): string | null
  readUVarIntArray<T>(reader: (d: Decoder) => T): T[]
  readTaggedFields(): void
  canReadBytes(n: number): boolean
}

/** A request as KafkaJS's connection sends it: the header is written around `encode()`'s body. */
export interface ProtocolRequest {
  apiKey: number
  apiVersion: number
  apiName: string
  encode(): Promise<Encoder>
}

export interface ProtocolResponse<T> {
  decode(payload: Buffer): Promise<T>
  parse(decoded: T): Promise<T>
}

export interface ApiVersionRange {
  minVersion: number
  maxVersion: number
}

/** A connected broker (KafkaJS `Broker`) with the API versions it announced. */
export interface KafkajsBroker {
  nodeId: number
  versions: Record<number, ApiVersionRange | undefined> | null
  connectionPool: { send<T>(r: { request: ProtocolRequest; response: ProtocolResponse<T> }): Promise<T> }
}

export interface KafkajsCluster {
  connect(): Promise<void>
  disconnect(): Promise<void>
  findGroupCoordinator(o: { groupId: string }): Promise<KafkajsBroker>
}

interface LeaveGroupV3 {
  request(o: { groupId: string; members: { memberId: string; groupInstanceId: string | null }[] }): ProtocolRequest
  decode(payload: Buffer): Promise<LeaveGroupV3Response>
}

export interface LeaveGroupV3Response {
  errorCode: number
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[]
}

export interface KafkajsInternals {
  Encoder: new () => Encoder
  Decoder: new (b: Buffer) => Decoder
  errorName(code: number): string
  leaveGroupV3: LeaveGroupV3
  /** a new cluster with the client's own config (brokers, TLS, SASL, retry, logger) */
  createCluster(kafka: Kafka): KafkajsCluster
}

let cached: KafkajsInternals | undefined

export function kafkajsInternals(): KafkajsInternals {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const load = <T>(path: string): T => {
    try {
      return require(`kafkajs/src/${path}`) as T
    } catch (err) {
      throw new Error(`kafkajs internals: cannot load kafkajs/src/${path} (the group fault steps need KafkaJS 2.2.x): ${(err as Error).message}`)
    }
  }
  const { errorCodes } = load<{ errorCodes: { type: string; code: number }[] }>('protocol/error.js')
  const names = new Map(errorCodes.map((e) => [e.code, e.type]))
  const leaveRequest = load<LeaveGroupV3['request']>('protocol/requests/leaveGroup/v3/request.js')
  const leaveResponse = load<{ decode: LeaveGroupV3['decode'] }>('protocol/requests/leaveGroup/v3/response.js')
  cached = {
    Encoder: load<new () => Encoder>('protocol/encoder.js'),
    Decoder: load<new (b: Buffer) => Decoder>('protocol/decoder.js'),
    errorName: (code) => (code === 0 ? 'NONE' : (names.get(code) ?? `ERROR_${code}`)),
    leaveGroupV3: { request: leaveRequest, decode: leaveResponse.decode },
    createCluster(kafka) {
      // Kafka (the client class) keeps its cluster factory under a private symbol; every producer,
      // consumer and admin is built through it, with the client's brokers, ssl, sasl and retry.
      const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster')
      const create = symbol && (kafka as unknown as Record<symbol, unknown>)[symbol]
      if (typeof create !== 'function') throw new Error('kafkajs internals: the Kafka client has no private:Kafka:createCluster (the group fault steps need KafkaJS 2.2.x)')
      return create({ allowAutoTopicCreation: false }) as KafkajsCluster
    },
  }
  return cached
}
