#!/usr/bin/env bash
# The package as a user gets it: a fresh TypeScript app (test/package/app, the README's "Use it in your app"
# line by line) installs the packed tarball, then
#   (a) tsc --noEmit (strict, NodeNext, skipLibCheck) reports 0 errors,
#   (b) plain Node resolves and loads `stream-test` and `stream-test/vitest/plugin`,
#   (c) vitest runs the app's two tests on a real broker through the plugin,
#   (d) `npx stream-test run` passes the app's TS scenario.
# Usage: test/package/smoke.sh [stream-test-x.y.z.tgz]   (without one: `npm pack` of this checkout)
# Writes to $SMOKE_OUTPUT (default test-output/): package-smoke.json, vitest-style counts of the checks
# (a), (b), (d), and vitest-package-app.json, vitest's own report of (c). Exit 0 only if all pass.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mkdir -p "${SMOKE_OUTPUT:-$root/test-output}" && cd "${SMOKE_OUTPUT:-$root/test-output}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$out/package-smoke.json" "$out/vitest-package-app.json"

tarball="${1:-}"
if [ -z "$tarball" ]; then
  (cd "$root" && npm pack --silent --pack-destination "$work" >/dev/null) || { echo "smoke: npm pack failed" >&2; exit 1; }
  tarball="$(ls "$work"/stream-test-*.tgz)"
fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"

passed=0 failed=0 results=()
check() { # check <name> <command...>: one counted result
  local name="$1"; shift
  echo "-- smoke: $name"
  if "$@"; then passed=$((passed + 1)); results+=("pass: $name"); else failed=$((failed + 1)); results+=("FAIL: $name"); fi
}
report() {
  printf '%s\n' "${results[@]}"
  node -e 'const [p, f, out] = process.argv.slice(1); require("fs").writeFileSync(out, JSON.stringify({ numPassedTests: +p, numFailedTests: +f, numFailedTestSuites: 0, checks: process.argv.slice(4) }, null, 2) + "\n")' \
    "$passed" "$failed" "$out/package-smoke.json" "${results[@]}"
}
tsc_clean() { # (a) and the count of errors, the number the issue tracks
  local log="$work/tsc.log"
  npx tsc --noEmit >"$log" 2>&1; local rc=$?
  echo "tsc: $(grep -c 'error TS' "$log") errors"; head -20 "$log"
  return $rc
}
loads() { node -e "import('$1').then((m) => console.log('$1:', Object.keys(m).length, 'exports'))"; }

app="$work/app"
cp -R "$root/test/package/app" "$app"
rm -rf "$app/node_modules"
cd "$app"
echo "-- smoke: npm install --save-dev $(basename "$tarball") in $app"
if ! npm install --no-audit --no-fund --save-dev "$tarball"; then
  failed=4; results=("FAIL: npm install of the tarball"); report; exit 1
fi

check "tsc --noEmit in the app: 0 errors" tsc_clean
check "node: import('stream-test')" loads stream-test
check "node: import('stream-test/vitest/plugin')" loads stream-test/vitest/plugin
echo "-- smoke: npx vitest run (counted from $out/vitest-package-app.json)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest-package-app.json"; vitest_rc=$?
if [ ! -f "$out/vitest-package-app.json" ]; then failed=$((failed + 1)); results+=("FAIL: npx vitest run wrote no report"); fi
check "npx stream-test run enricher.scenario.ts" npx stream-test run enricher.scenario.ts
report
[ "$failed" -eq 0 ] && [ "$vitest_rc" -eq 0 ]
