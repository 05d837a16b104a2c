import { spawnSync } from 'node:child_process'
import { EnvironmentError } from '../../errors.ts'

/** Fails with exit code 3 and what to install when a command the local environment needs is missing. */
export function requireCommand(cmd: 'java' | 'mvn'): void {
  const probe = spawnSync(cmd, ['-version'], { stdio: 'ignore' })
  if (probe.error) {
    const hint =
      cmd === 'java'
        ? 'install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless) or use --env containers/external'
        : 'install Apache Maven (Debian: apt-get install maven) or use --env containers/external'
    throw new EnvironmentError(`${cmd} not found on PATH: the local Kafka environment needs it; ${hint}`, 'ST_MISSING_TOOL')
  }
}
