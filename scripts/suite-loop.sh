#!/usr/bin/env bash
# Consecutive full `npm test` runs on a fresh clone of this checkout's HEAD, for flaky-test hunting
# (issue 16): one JSON report and one summary line per run, stops at nothing (a failed run is a result).
#   scripts/suite-loop.sh [runs=10] [out=/tmp/suite-loop]
# The Java demo apps' jars are copied from this checkout when built (the tests that need them use them).
set -uo pipefail
runs="${1:-10}"
out="${2:-/tmp/suite-loop}"
src="$(cd "$(dirname "$0")/.." && pwd)"
rm -rf "$out" && mkdir -p "$out"
git clone -q "$src" "$out/clone"
for app in fixtures/apps/windows/kstreams fixtures/apps/windows/flink fixtures/apps/eos-java; do
  [ -d "$src/$app/target" ] && cp -r "$src/$app/target" "$out/clone/$app/"
done
cd "$out/clone"
npm ci --no-audit --no-fund >"$out/npm-ci.log" 2>&1 || { echo "npm ci failed: $out/npm-ci.log"; exit 1; }
echo "suite-loop: $runs runs of npm test at $(git log --oneline -1 | cut -c1-60), reports in $out"
for i in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s)
  npm test -- --reporter=json --outputFile.json="$out/run$i.json" >"$out/run$i.log" 2>&1
  rc=$?
  node -e "
    const r = require('$out/run$i.json')
    const failed = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => '  FAIL ' + a.fullName))
    console.log('run $i: ' + r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed, ' + r.numPendingTests + ' skipped, exit $rc, ' + ($(date +%s) - $start) + ' s, load at start $load')
    for (const f of failed) console.log(f)
  " 2>/dev/null || echo "run $i: no JSON report (exit $rc), see $out/run$i.log"
done
