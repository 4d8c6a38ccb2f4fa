#!/usr/bin/env bash
# Runs the web app's checks in order: npm ci, the Vitest suite, the production build (which fails
# on a stale API client) and the end-to-end suite in headless Chromium against a real server.
# Prints one summary line per suite for ../test.sh to add up:
#   web-unit: N passed, N failed
#   web-build: N passed, N failed
#   web-e2e: N passed, N failed, N skipped
# Exits non-zero when any suite failed. WORKDESK_CONFIGURATION picks the server build (Debug).
set -uo pipefail
cd "$(dirname "$0")"
web_dir=$(pwd)
repo_dir=$(cd .. && pwd)
configuration=${WORKDESK_CONFIGURATION:-Debug}
export WORKDESK_CONFIGURATION=$configuration
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
status=0

if ! npm ci --no-audit --no-fund; then
  echo "web-unit: 0 passed, 1 failed"
  echo "web-build: 0 passed, 1 failed"
  echo "web-e2e: 0 passed, 1 failed"
  echo "run-tests.sh: npm ci failed; see the npm output above." >&2
  exit 1
fi

# Unit and component tests.
npx vitest run --reporter=default --reporter=json --outputFile="$reports/unit.json"
unit_exit=$?
if [ -s "$reports/unit.json" ]; then
  unit_line=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? 1 : 0);
    console.log(`web-unit: ${r.numPassedTests} passed, ${failed} failed`);' "$reports/unit.json")
else
  unit_line="web-unit: 0 passed, 1 failed"
fi
[ "$unit_exit" -eq 0 ] || status=1

# The build runs check:api first, so a client older than openapi/workdesk.json fails here.
if npm run build; then
  build_line="web-build: 1 passed, 0 failed"
else
  build_line="web-build: 0 passed, 1 failed"
  status=1
fi

# End-to-end tests need the server program and Debian's Chromium; no browser is downloaded.
dll="$repo_dir/src/Workdesk.Server/bin/$configuration/net10.0/workdesk.dll"
if [ ! -f "$dll" ]; then
  dotnet build "$repo_dir/src/Workdesk.Server" -c "$configuration" || true
fi
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -q && apt-get install -y -q chromium
fi
if [ "$build_line" = "web-build: 1 passed, 0 failed" ] && [ -f "$dll" ] && [ -x /usr/bin/chromium ]; then
  node --test --test-reporter=tap e2e/ | tee "$reports/e2e.tap"
  e2e_exit=${PIPESTATUS[0]}
  count() { grep -E "^# $1 [0-9]+" "$reports/e2e.tap" | tail -1 | awk '{print $3}'; }
  e2e_pass=$(count pass); e2e_fail=$(count fail); e2e_skip=$(( $(count skipped || echo 0) + $(count todo || echo 0) ))
  e2e_line="web-e2e: ${e2e_pass:-0} passed, ${e2e_fail:-1} failed, ${e2e_skip} skipped"
  [ "$e2e_exit" -eq 0 ] || status=1
else
  echo "run-tests.sh: e2e not run: needs a successful build, $dll and /usr/bin/chromium." >&2
  e2e_line="web-e2e: 0 passed, 1 failed"
  status=1
fi

echo "$unit_line"
echo "$build_line"
echo "$e2e_line"
exit $status
