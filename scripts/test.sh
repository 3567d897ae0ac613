#!/usr/bin/env bash
# Command 2: the whole test suite against real FerretDB, Temporal dev server, email sink and
# Chromium, and the lint. Arguments go to vitest (e.g. a file filter). Exits non-zero when a test
# or the lint fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# --production: the production topology's system test runs the Temporal cluster and nginx.
bash scripts/setup.sh --production
# Lint beside the web build and the tests rather than before them: it needs a core for a minute or
# two, while the tests mostly wait for timers (docs/testing.md). Its report comes after the tests',
# and a lint error (a floating promise, a Node import in a workflow) fails the run like a failed test.
# TEST_REPORT_FILE keeps vitest's JSON report (each file's start and end, each test's result);
# otherwise it lives in a temporary file for the closing line only.
report="${TEST_REPORT_FILE:-$(mktemp -t vitest-report.XXXXXX.json)}"
keep_report="${TEST_REPORT_FILE:+1}"
lint_log="$(mktemp -t lint.XXXXXX.log)"
"$ROOT/.tools/pnpm/node_modules/.bin/pnpm" lint >"$lint_log" 2>&1 &
lint_pid=$!
trap 'kill "$lint_pid" 2>/dev/null || true; [ -n "$keep_report" ] || rm -f "$report"; rm -f "$lint_log"' EXIT
bash scripts/build-web.sh

status=0
"$ROOT/.tools/pnpm/node_modules/.bin/pnpm" exec vitest run --reporter=default --reporter=json \
  --outputFile.json="$report" "$@" || status=$?
lint_status=0
wait "$lint_pid" || lint_status=$?
if [ "$lint_status" -ne 0 ]; then
  cat "$lint_log"
  echo "[lint] failed (exit $lint_status)"
  [ "$status" -ne 0 ] || status=$lint_status
else
  echo "[lint] clean"
fi
# One plain closing line, the same whatever the reporter printed above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" 2>/dev/null || true
exit "$status"
