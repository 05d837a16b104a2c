import { expect, test } from 'vitest'
import { externalConnection, securityFromEnv } from '../../../../src/env/external/index.ts'
import { InputError } from '../../../../src/errors.ts'

function caught(fn: () => unknown): InputError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    return err as InputError
  }
  throw new Error('expected an InputError')
}

test('brokers from the option win over KAFKA_BROKERS; the list is split and trimmed', () => {
  const env = { KAFKA_BROKERS: 'env:1', SCHEMA_REGISTRY_URL: 'http://reg:8081' }
  expect(externalConnection({ brokers: ' a:9092, b.example.com:9093 ,' }, env)).toEqual({
    kind: 'external',
    brokers: ['a:9092', 'b.example.com:9093'],
    registryUrl: 'http://reg:8081',
    topicPrefix: 'st.',
  })
  expect(externalConnection({}, env).brokers).toEqual(['env:1'])
})

test('registry URL and topic prefix: options, then environment', () => {
  const env = { KAFKA_BROKERS: 'h:1', SCHEMA_REGISTRY_URL: 'http://env', ST_TOPIC_PREFIX: 'shadow.' }
  expect(externalConnection({}, env)).toMatchObject({ registryUrl: 'http://env', topicPrefix: 'shadow.' })
  expect(externalConnection({ registryUrl: 'http://opt', topicPrefix: 'p.' }, env)).toMatchObject({ registryUrl: 'http://opt', topicPrefix: 'p.' })
})

test('no brokers at all is an InputError naming both ways to give them', () => {
  const err = caught(() => externalConnection({}, {}))
  expect(err.exitCode).toBe(2)
  expect(err.message).toBe('--env external needs bootstrap servers; expected --brokers host:port or KAFKA_BROKERS; found neither')
})

test('a broker that is not host:port is an InputError naming it', () => {
  for (const bad of ['localhost', 'h:port', 'h:9092:1', ':9092']) {
    const err = caught(() => externalConnection({ brokers: `ok:1,${bad}` }, {}))
    expect(err.message).toBe(`bad bootstrap server "${bad}"; expected host:port`)
  }
})

test('SASL from the environment, mechanism case-insensitive', () => {
  const env = { KAFKA_BROKERS: 'h:1', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 's3cret' }
  expect(securityFromEnv(env)).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'u', password: 's3cret' } })
  expect(externalConnection({}, env).security).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'u', password: 's3cret' } })
})

test('SASL without a password (or username) is an InputError that does not echo secrets', () => {
  const err = caught(() => securityFromEnv({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }))
  expect(err.message).toBe('SASL needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD in the environment')
  const noUser = caught(() => securityFromEnv({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'hunter2' }))
  expect(noUser.message).not.toContain('hunter2')
})

test('an unknown SASL mechanism is an InputError listing the supported ones', () => {
  const err = caught(() => securityFromEnv({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }))
  expect(err.message).toBe('unsupported KAFKA_SASL_MECHANISM "gssapi"; expected plain, scram-sha-256 or scram-sha-512')
})

test('TLS: KAFKA_SSL=1 or true turns it on; a CA turns it on with verification', () => {
  expect(securityFromEnv({})).toBeUndefined()
  expect(securityFromEnv({ KAFKA_SSL: '0' })).toBeUndefined()
  expect(securityFromEnv({ KAFKA_SSL: '1' })).toEqual({ ssl: true })
  expect(securityFromEnv({ KAFKA_SSL: 'true' })).toEqual({ ssl: true })
  expect(securityFromEnv({ KAFKA_SSL_CA: '-----BEGIN CERTIFICATE-----' })).toEqual({ ssl: { ca: '-----BEGIN CERTIFICATE-----', rejectUnauthorized: true } })
})

test('registry auth needs both username and password from the environment', () => {
  const base = { KAFKA_BROKERS: 'h:1' }
  expect(externalConnection({}, { ...base, SCHEMA_REGISTRY_USERNAME: 'ru', SCHEMA_REGISTRY_PASSWORD: 'rp' }).registryAuth).toEqual({ username: 'ru', password: 'rp' })
  expect(externalConnection({}, { ...base, SCHEMA_REGISTRY_USERNAME: 'ru' })).not.toHaveProperty('registryAuth')
  expect(externalConnection({}, base)).not.toHaveProperty('security')
})
