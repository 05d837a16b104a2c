import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { packageVersion } from '../../../src/cli/version.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'st-version-'))
  // an app that installed stream-test, which was built to dist/: two package.json files on the way up
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'my-app', version: '3.0.0' }))
  await mkdir(join(dir, 'node_modules/stream-test/dist/cli'), { recursive: true })
  await writeFile(join(dir, 'node_modules/stream-test/package.json'), JSON.stringify({ name: 'stream-test', version: '9.8.7' }))
  await mkdir(join(dir, 'elsewhere/deep'), { recursive: true })
})
afterAll(() => rm(dir, { recursive: true, force: true }))

test('found by walking up from the module folder, whatever its depth (src/cli/ or dist/cli/)', () => {
  expect(packageVersion(join(dir, 'node_modules/stream-test/dist/cli'))).toBe('9.8.7')
  expect(packageVersion(join(dir, 'node_modules/stream-test'))).toBe('9.8.7')
})

test("another package's package.json is passed by; none at all is an error naming the folder", () => {
  expect(() => packageVersion(join(dir, 'elsewhere/deep'))).toThrow(`no package.json of stream-test above ${join(dir, 'elsewhere/deep')}`)
})
