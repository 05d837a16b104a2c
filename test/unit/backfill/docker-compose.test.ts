import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { parse } from 'yaml'
import { containerSpecs, REGISTRY_IMAGE } from '../../../src/env/containers/container-specs.ts'
import { KAFKA_VERSION } from '../../../src/env/local/kafka-jars.ts'

/** docker-compose.yml at the root: the stack people keep running for `--env external`. */
const FILE = fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

interface Service {
  image: string
  ports: string[]
  environment: Record<string, string>
}

const file = parse(readFileSync(FILE, 'utf8')) as { services: Record<string, Service> }

test('Kafka and the registry use the images and the exact settings of the containers environment, on 9092 and 8081', () => {
  const specs = containerSpecs(9092, 8081)
  const { kafka, 'schema-registry': registry } = file.services
  expect(kafka?.image).toBe(`apache/kafka:${KAFKA_VERSION}`)
  expect(kafka?.ports).toEqual(['9092:9092'])
  expect(kafka?.environment).toEqual(specs.kafka.env)
  expect(registry?.image).toBe(REGISTRY_IMAGE)
  expect(registry?.ports).toEqual(['8081:8081'])
  expect(registry?.environment).toEqual(specs.registry.env)
})

/** `docker compose` (the plugin), else the standalone `docker-compose`; both validate without an engine. */
function composeCommand(): { argv: string[]; reason: string } {
  const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' })
  if (!plugin.error && plugin.status === 0) return { argv: ['docker', 'compose'], reason: '' }
  const standalone = spawnSync('docker-compose', ['version'], { encoding: 'utf8' })
  if (!standalone.error && standalone.status === 0) return { argv: ['docker-compose'], reason: '' }
  const why = plugin.error ? `docker is not installed (${plugin.error.message})` : (plugin.stderr || plugin.stdout).trim().split('\n')[0]
  return { argv: [], reason: `the docker compose plugin is missing (${why}) and there is no docker-compose` }
}

const compose = composeCommand()
if (compose.reason) process.stderr.write(`[docker-compose.test] skipping "docker compose config": ${compose.reason}\n`)

test.skipIf(compose.reason !== '')('docker compose config accepts the file (no engine needed)', () => {
  const [cmd, ...args] = compose.argv as [string, ...string[]]
  const res = spawnSync(cmd, [...args, '-f', FILE, 'config', '-q'], { cwd: ROOT, encoding: 'utf8' })
  expect(res.stderr).toBe('')
  expect(res.status).toBe(0)
})
