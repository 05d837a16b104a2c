import { inject } from 'vitest'
import type { Connection } from '../env/index.ts'
import { EnvironmentError } from '../errors.ts'

/** What the global setup hands every test worker. */
export interface StreamTestProvided {
  connection: Connection
  keepTopics: boolean
}

declare module 'vitest' {
  export interface ProvidedContext {
    streamTest: StreamTestProvided
  }
}

/** The broker of this vitest run, from the global setup; a clear error when the plugin is missing. */
export function providedEnvironment(): StreamTestProvided {
  const provided = inject('streamTest') as StreamTestProvided | undefined
  if (provided === undefined) {
    throw new EnvironmentError(
      'no stream-test environment in this vitest run: add `plugins: [streamTest()]` (from stream-test/vitest) to vitest.config.ts, ' +
        'or wrap the config with withStreamTest(...)',
      'ST_VITEST_NO_ENV',
    )
  }
  return provided
}
