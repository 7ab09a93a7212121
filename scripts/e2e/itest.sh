#!/usr/bin/env bash
# Extension-host integration tests: mocha (test/itest/) inside the Node extension host of a
# throw-away code-server (VS Code 1.139), with this checkout as the extension under development
# (no install) and a workspace holding a copy of media/sample/handshake.pcap.
# Logs and a final screenshot go to test-results/itest/.
#
# Usage: scripts/e2e/itest.sh        (needs `scripts/ci-setup.sh browser editor` and `npm ci`)
# Env:   ITEST_GREP (mocha grep), ITEST_TIMEOUT_MS, ITEST_VERBOSE=1, E2E_NO_BUILD=1, E2E_KEEP=1,
#        E2E_PORT, WIRELANE_TOOLS — see scripts/e2e/lib.sh and test/e2e/itest-host.cjs
set -euo pipefail
# shellcheck source=scripts/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

e2e_init itest
e2e_build
e2e_workspace
# the smoke-test driver makes the workbench honour the ?payload= with the test paths
e2e_start --vscode-option enable-smoke-test-driver
rc=0
node "$ROOT/test/e2e/itest-host.cjs" "$BASE_URL" "$WS" "$ROOT" "$ROOT/test/itest" "$RESULTS" || rc=$?
if [ "$rc" != 0 ]; then
  e2e_log "extension-host tests failed (exit $rc); see test-results/itest/workbench.log and logs/"
  exthost_log=$(ls "$USER_DATA"/logs/*/exthost1/remoteexthost.log 2>/dev/null | head -n1 || true)
  if [ -n "$exthost_log" ] && grep -q '\[error\]' "$exthost_log"; then
    e2e_log "errors in the extension host log:"
    grep -A3 '\[error\]' "$exthost_log" | head -n 30 | sed 's/^/    /'
  fi
fi
exit "$rc"
