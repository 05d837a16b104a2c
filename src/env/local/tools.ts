import { spawnSync } from 'node:child_process'
import { EnvironmentError } from '../../errors.ts'

/** The java the local broker runs: `$JAVA` when set, else `java` from PATH. */
export function javaCommand(): string {
  return process.env.JAVA || 'java'
}

/** Fails with exit code 3 and what to install when a command the local environment needs is missing. */
export function requireCommand(cmd: 'java' | 'mvn'): void {
  const exe = cmd === 'java' ? javaCommand() : cmd
  const probe = spawnSync(exe, ['-version'], { stdio: 'ignore' })
  if (probe.error) {
    const hint =
      cmd === 'java'
        ? 'install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless) or use --env containers/external'
        : 'install Apache Maven (Debian: apt-get install maven) or use --env containers/external'
    const what = exe === cmd ? `${cmd} not found on PATH` : `JAVA=${exe} cannot be run (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})`
    throw new EnvironmentError(`${what}: the local Kafka environment needs it; ${hint}`, 'ST_MISSING_TOOL')
  }
}
