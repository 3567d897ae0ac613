#!/usr/bin/env bash
# Command 1: install what is missing, then start the whole portal on this machine.
# Ports: MONGO_PORT TEMPORAL_PORT TEMPORAL_UI_PORT SINK_PORT BOOKING_PORT NOTIFICATIONS_PORT
# WORKFLOWS_PORT WEB_PORT. Data stays in .data/ between runs. Ctrl-C stops everything.
# --instances N (or PORTAL_INSTANCES=N): N of each portal service, instance k on its port + k
# (docs/running.md).
# --topology production (or PORTAL_TOPOLOGY=production): a Temporal cluster on PostgreSQL, two of
# each portal service and nginx in front (docs/adr/0068); setup builds the cluster's binaries and
# installs Debian's nginx if missing.
set -euo pipefail
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) export PORTAL_INSTANCES="${2:?--instances needs a number}"; shift 2 ;;
    --instances=*) export PORTAL_INSTANCES="${1#*=}"; shift ;;
    --topology) export PORTAL_TOPOLOGY="${2:?--topology needs dev or production}"; shift 2 ;;
    --topology=*) export PORTAL_TOPOLOGY="${1#*=}"; shift ;;
    *) echo "start.sh: unknown option $1 (known: --instances N, --topology dev|production)" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export STACK_T0_MS="$(date +%s%3N)"

if [ "${PORTAL_TOPOLOGY:-dev}" = production ]; then bash scripts/setup.sh --production; else bash scripts/setup.sh; fi
bash scripts/build-web.sh
export PNPM="$ROOT/.tools/pnpm/node_modules/.bin/pnpm"
exec node_modules/.bin/tsx scripts/src/start.ts
