#!/usr/bin/env bash
# Installs everything the portal needs into the repository itself: pnpm at the version
# package.json pins, the node packages, and the Temporal CLI and FerretDB (built from their
# Go modules into .tools/bin unless TEMPORAL_BIN/FERRETDB_BIN or PATH already has them), and
# Radicale (the CalDAV server for interviewers' calendars) and fonts for Japanese and Arabic
# from Debian's packages when missing.
# `--production`: also what the production topology runs (start.sh --topology production, its
# system test): the Temporal server, its SQL tool, tdbg and the Web UI server built into
# .tools/bin, and Debian's nginx (docs/adr/0068).
# Safe to rerun: each step is skipped or near-instant once done.
set -euo pipefail
production=""
[ "${1:-}" = "--production" ] && production="--production"
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

node_modules/.bin/tsx scripts/src/setup-tools.ts $production
if [ -n "$production" ] && ! command -v nginx > /dev/null && [ ! -x /usr/sbin/nginx ]; then
  bash scripts/install-nginx.sh
fi

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

# Fonts for the pages' Japanese and Arabic: without one the browser (and its screenshots) draws
# empty boxes. The smallest Debian packages that cover each script (IPA Gothic 12 MB rather than
# Noto CJK's 90 MB; DejaVu Sans carries Arabic), only when fontconfig finds no font for it.
missing_fonts=()
if ! command -v fc-list >/dev/null 2>&1; then
  missing_fonts+=(fontconfig fonts-ipafont-gothic fonts-dejavu-core)
else
  [ -n "$(fc-list :lang=ja family 2>/dev/null)" ] || missing_fonts+=(fonts-ipafont-gothic)
  [ -n "$(fc-list :lang=ar family 2>/dev/null)" ] || missing_fonts+=(fonts-dejavu-core)
fi
if [ "${#missing_fonts[@]}" -gt 0 ]; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  if command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing fonts for Japanese and Arabic pages: ${missing_fonts[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Fonts only change how screenshots look: a failed install is said, never fatal.
    { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "${missing_fonts[@]}" >/dev/null; } ||
      echo "[setup] could not install ${missing_fonts[*]}: pages in Japanese or Arabic may show empty boxes"
  else
    echo "[setup] no font for Japanese or Arabic and apt-get is not here: install one (e.g. Noto CJK, Noto Sans Arabic), or screenshots show empty boxes"
  fi
fi
