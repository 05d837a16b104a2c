import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

// The README's "Use it in your app" is what test/package/smoke.sh installs and runs: same files, same packages.
const APP = 'test/package/app'
const readme = readFileSync('README.md', 'utf8')
const section = readme.slice(readme.indexOf('## Use it in your app'), readme.indexOf('\n## ', readme.indexOf('## Use it in your app') + 1))
const shown = [...section.matchAll(/^`([^`]+)`:\n\n```\w+\n([\s\S]*?)```$/gm)].map(([, file, body]) => ({ file: file as string, body: body as string }))

test('the section shows the config, the test, the scenario and the tsconfig', () => {
  expect(shown.map((s) => s.file)).toEqual(['vitest.config.ts', 'test/enricher.test.ts', 'enricher.scenario.ts', 'tsconfig.json'])
})

test.each(shown)('README shows $file exactly as the smoke app has it', ({ file, body }) => {
  expect(body).toBe(readFileSync(join(APP, file), 'utf8'))
})

test("the README's install lines name the smoke app's dependencies", () => {
  const pkg = JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8')) as { dependencies: object; devDependencies: object }
  const installs = (dev: boolean): string[] =>
    section
      .split('\n')
      .filter((l) => l.startsWith('npm install ') && l.includes('--save-dev') === dev)
      .flatMap((l) => l.split(/\s+/).slice(2).filter((w) => !w.startsWith('-')))
  expect(installs(false).sort()).toEqual(Object.keys(pkg.dependencies).sort())
  // stream-test itself: the smoke test installs the packed tarball with --save-dev
  expect(installs(true).sort()).toEqual([...Object.keys(pkg.devDependencies), 'stream-test'].sort())
})
