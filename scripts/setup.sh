#!/usr/bin/env bash
# Installs everything the portal needs into the repository itself: pnpm at the version
# package.json pins, the node packages, and the Temporal CLI and FerretDB (built from their
# Go modules into .tools/bin unless TEMPORAL_BIN/FERRETDB_BIN or PATH already has them), and
# Radicale (the CalDAV server for interviewers' calendars) from Debian's packages when missing.
# Safe to rerun: each step is skipped or near-instant once done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PNPM_VERSION="$(node -p "require('./package.json').packageManager.replace(/^pnpm@/, '')")"
PNPM="$ROOT/.tools/pnpm/node_modules/.bin/pnpm"
installed="$(node -p "require('./.tools/pnpm/node_modules/pnpm/package.json').version" 2>/dev/null || true)"
if [ ! -x "$PNPM" ] || [ "$installed" != "$PNPM_VERSION" ]; then
  echo "[setup] installing pnpm@$PNPM_VERSION into .tools/pnpm"
  mkdir -p .tools/pnpm
  npm install --prefix .tools/pnpm --no-audit --no-fund --loglevel=error --save-exact "pnpm@$PNPM_VERSION"
fi

if [ -f pnpm-lock.yaml ]; then
  "$PNPM" install --frozen-lockfile --reporter=silent
else
  "$PNPM" install --reporter=silent
fi

node_modules/.bin/tsx scripts/src/setup-tools.ts

if [ ! -x "${RADICALE_BIN:-/usr/bin/radicale}" ]; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  if command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing Radicale (CalDAV) from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq radicale
  else
    echo "[setup] Radicale is missing and apt-get is not here: install it (or set RADICALE_BIN); calendar tests and the demo calendar need it"
  fi
fi
