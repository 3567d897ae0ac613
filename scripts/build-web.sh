#!/usr/bin/env bash
# Builds the web app when its sources changed since the last build (or it was never built).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PNPM="$ROOT/.tools/pnpm/node_modules/.bin/pnpm"
# Inside the build's own output: a tree's stamp says only that this tree's web/dist is up to date.
STAMP=web/dist/.build-stamp

if ! node -e "process.exit(require('./web/package.json').scripts?.build ? 0 : 1)"; then
  echo "[build] web has no build script yet; skipping"
  exit 0
fi
sources=(web/src web/index.html web/vite.config.ts web/package.json web/public packages/shared/src)
existing=()
for s in "${sources[@]}"; do [ -e "$s" ] && existing+=("$s"); done
if [ -f "$STAMP" ] && [ -f web/dist/index.html ] && [ -z "$(find "${existing[@]}" -newer "$STAMP" -print -quit)" ]; then
  exit 0
fi
echo "[build] building the web app"
"$PNPM" --filter @portal/web build
touch "$STAMP"
