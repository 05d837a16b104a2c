import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { spawnCli } from './spawn-cli.ts'

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }

test.each(['--version', '-V', '-v'])("stream-test %s prints package.json's version and exits 0", async (flag) => {
  const r = await spawnCli([flag])
  expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
})
