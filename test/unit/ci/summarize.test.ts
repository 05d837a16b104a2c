import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, test } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'st-ci-summarize-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const script = resolve('.ci/summarize.mjs')
const summarize = (...reports: string[]): string => execFileSync(process.execPath, [script, ...reports], { cwd: dir, encoding: 'utf8' })

test('names each failed test (file > describe > test) right above the final count line', () => {
  writeFileSync(join(dir, 'main.json'), JSON.stringify({
    numPassedTests: 3,
    numFailedTests: 1,
    numFailedTestSuites: 1,
    testResults: [
      { name: join(dir, 'test/a.test.ts'), status: 'passed', assertionResults: [{ status: 'passed', ancestorTitles: [], title: 'ok' }] },
      {
        name: join(dir, 'test/b.test.ts'),
        status: 'failed',
        assertionResults: [
          { status: 'passed', ancestorTitles: ['outer'], title: 'fine' },
          { status: 'failed', ancestorTitles: ['outer', 'inner'], title: 'breaks' },
        ],
      },
    ],
  }))
  writeFileSync(join(dir, 'example.json'), JSON.stringify({
    numPassedTests: 1,
    numFailedTests: 0,
    numFailedTestSuites: 1,
    testResults: [{ name: join(dir, 'app/c.test.ts'), status: 'failed', message: 'Cannot find module x\n  at y', assertionResults: [] }],
  }))
  expect(summarize('main.json', '?example.json').split('\n')).toEqual([
    'failed:',
    '  FAIL test/b.test.ts > outer > inner > breaks',
    '  FAIL app/c.test.ts (the file failed: Cannot find module x)',
    '4 passed, 2 failed',
    '',
  ])
})

test('all passed: only the count line; a missing optional (?) report is skipped, a missing required one fails', () => {
  writeFileSync(join(dir, 'green.json'), JSON.stringify({ numPassedTests: 5, numFailedTests: 0, numFailedTestSuites: 0, testResults: [] }))
  expect(summarize('green.json', '?absent.json')).toBe('5 passed, 0 failed\n')
  expect(summarize('absent.json')).toBe('failed:\n  FAIL no JSON report: absent.json\n0 passed, 1 failed\n')
})

test('a report of counts only (the typecheck) is named by its file', () => {
  writeFileSync(join(dir, 'typecheck.json'), JSON.stringify({ numPassedTests: 0, numFailedTests: 1, numFailedTestSuites: 0 }))
  expect(summarize('typecheck.json')).toBe('failed:\n  FAIL typecheck.json: 1 failed\n0 passed, 1 failed\n')
})
