// The end of a CI run: the failed tests by name (file > describe > test), then one plain line
// "N passed, N failed" counted from the JSON reports (vitest's, or vitest-style counts). A report named
// with a leading `?` is optional; a missing required one counts as a failure.
//
//   node .ci/summarize.mjs test-output/typecheck.json test-output/vitest.json '?test-output/vitest-example.json'
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'

let passed = 0
let failed = 0
const names = []
for (const arg of process.argv.slice(2)) {
  const optional = arg.startsWith('?')
  const file = optional ? arg.slice(1) : arg
  if (!existsSync(file)) {
    if (!optional) {
      names.push(`no JSON report: ${file}`)
      failed++
    }
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  const failedHere = report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0)
  passed += report.numPassedTests
  failed += failedHere
  const before = names.length
  for (const suite of report.testResults ?? []) {
    const where = relative(process.cwd(), suite.name)
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed')
    for (const t of failedTests) names.push(`${where} > ${[...(t.ancestorTitles ?? []), t.title].join(' > ')}`)
    // a file that failed outside any test (import error, hook): name the file and its first message line
    if (suite.status === 'failed' && failedTests.length === 0) names.push(`${where} (the file failed: ${String(suite.message ?? '').split('\n')[0]})`)
  }
  // a report of counts only (the typecheck, the smoke checks): name the report
  if (failedHere > 0 && names.length === before) names.push(`${file}: ${failedHere} failed`)
}
if (names.length > 0) {
  console.log('failed:')
  for (const n of names) console.log(`  FAIL ${n}`)
}
console.log(`${passed} passed, ${failed} failed`)
