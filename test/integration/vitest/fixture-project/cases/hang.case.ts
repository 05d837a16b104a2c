import { writeFileSync } from 'node:fs'
import { test } from 'stream-test/vitest'

// Runs until interrupted: the outer test sends Ctrl-C (SIGINT) once the marker file exists.
test('waits for Ctrl-C', { timeout: 300_000 }, async ({ streams }) => {
  await streams.topic('held')
  writeFileSync(process.env.HANG_MARKER as string, 'started')
  await new Promise(() => {})
})
