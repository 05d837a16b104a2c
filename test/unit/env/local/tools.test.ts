import { execPath } from 'node:process'
import { afterEach, expect, test } from 'vitest'
import { EnvironmentError } from '../../../../src/errors.ts'
import { javaCommand, requireCommand } from '../../../../src/env/local/tools.ts'

const saved = { JAVA: process.env.JAVA, PATH: process.env.PATH }
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

test('java is $JAVA when set, else java from PATH', () => {
  delete process.env.JAVA
  expect(javaCommand()).toBe('java')
  process.env.JAVA = '/opt/jdk/bin/java'
  expect(javaCommand()).toBe('/opt/jdk/bin/java')
})

test('a missing java on PATH: EnvironmentError (exit 3) naming java and what to install', () => {
  delete process.env.JAVA
  process.env.PATH = '/nonexistent-dir'
  let err: unknown
  try {
    requireCommand('java')
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(EnvironmentError)
  expect((err as EnvironmentError).exitCode).toBe(3)
  expect((err as EnvironmentError).code).toBe('ST_MISSING_TOOL')
  expect((err as EnvironmentError).message).toBe(
    'java not found on PATH: the local Kafka environment needs it; install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless) or use --env containers/external',
  )
})

test('a missing mvn names Maven', () => {
  process.env.PATH = '/nonexistent-dir'
  expect(() => requireCommand('mvn')).toThrow('mvn not found on PATH: the local Kafka environment needs it; install Apache Maven (Debian: apt-get install maven) or use --env containers/external')
})

test('$JAVA is what gets probed: a bad one is named, a runnable one passes without java on PATH', () => {
  process.env.PATH = '/nonexistent-dir'
  process.env.JAVA = '/nonexistent-dir/java'
  expect(() => requireCommand('java')).toThrow('JAVA=/nonexistent-dir/java cannot be run (ENOENT): the local Kafka environment needs it; install a Java 17+ runtime')
  process.env.JAVA = execPath // any runnable program: the probe checks that it starts, not its version
  expect(() => requireCommand('java')).not.toThrow()
})
