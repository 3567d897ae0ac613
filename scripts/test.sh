#!/usr/bin/env bash
# Command 2: the whole test suite against real FerretDB, Temporal dev server, email sink and
# Chromium. Arguments go to vitest (e.g. a file filter). Exits with vitest's code.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
# Lint first: a floating promise or a Node import in a workflow fails fast, before minutes of tests.
"$ROOT/.tools/pnpm/node_modules/.bin/pnpm" lint
bash scripts/build-web.sh

report="$(mktemp -t vitest-report.XXXXXX.json)"
trap 'rm -f "$report"' EXIT
status=0
"$ROOT/.tools/pnpm/node_modules/.bin/pnpm" exec vitest run --reporter=default --reporter=json \
  --outputFile.json="$report" "$@" || status=$?
# One plain closing line, the same whatever the reporter printed above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" 2>/dev/null || true
exit "$status"
