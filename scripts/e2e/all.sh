#!/usr/bin/env bash
# Wirelane in a real VS Code (code-server): the extension-host integration tests, then the UI
# end-to-end scenarios, each under `timeout`. Both run even when the first fails; the exit status
# is non-zero when either failed. Results: test-results/itest/, test-results/e2e/.
#
# Usage: scripts/e2e/all.sh          (after `scripts/ci-setup.sh browser editor` and `npm ci`)
# Env:   ITEST_TIMEOUT (default 5m), E2E_TIMEOUT (default 5m); the variables of itest.sh and run.sh
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
T0=$(date +%s)
log() { echo "[e2e/all $(($(date +%s) - T0))s] $*"; }

log "npm run build"
(cd "$ROOT" && npm run --silent build) || { log "FAIL: build"; exit 1; }
export E2E_NO_BUILD=1

summary=()
failed=0
step() { # step NAME TIMEOUT SCRIPT
  local name=$1 limit=$2 script=$3 t rc=0
  t=$(date +%s)
  log "=== $name: $script (timeout $limit)"
  timeout --kill-after=20s "$limit" bash "$HERE/$script" || rc=$?
  local took=$(($(date +%s) - t))
  if [ "$rc" = 0 ]; then
    summary+=("PASS  $name (${took}s)")
  else
    failed=1
    [ "$rc" = 124 ] && summary+=("FAIL  $name: timed out after $limit") || summary+=("FAIL  $name (exit $rc, ${took}s)")
  fi
  log "=== $name: exit $rc after ${took}s"
}

step itest "${ITEST_TIMEOUT:-5m}" itest.sh
step "ui e2e" "${E2E_TIMEOUT:-5m}" run.sh

log "summary:"
printf '    %s\n' "${summary[@]}"
log "results: test-results/itest/ test-results/e2e/ (screenshots, logs)"
exit "$failed"
