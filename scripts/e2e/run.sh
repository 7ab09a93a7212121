#!/usr/bin/env bash
# UI end-to-end test: a throw-away code-server (VS Code 1.139) with Wirelane installed from this
# checkout, a workspace holding a copy of media/sample/handshake.pcap, and the Playwright
# scenarios of test/e2e/ui.cjs. Screenshots, results.json and logs go to test-results/e2e/.
#
# Usage: scripts/e2e/run.sh          (needs `scripts/ci-setup.sh browser editor` and `npm ci`)
# Env:   E2E_ONLY / E2E_SKIP (scenario names, comma-separated), E2E_NO_BUILD=1, E2E_KEEP=1,
#        E2E_PORT, WIRELANE_TOOLS — see scripts/e2e/lib.sh and test/e2e/ui.cjs
set -euo pipefail
# shellcheck source=scripts/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

e2e_init e2e
e2e_build
e2e_workspace

# Install the extension the way an unpacked extension sits in an extensions folder:
# <publisher>.<name>-<version>, here a symlink to this checkout (package.json + dist/).
ext_id=$(node -p "const p=require('$ROOT/package.json'); p.publisher + '.' + p.name + '-' + p.version")
ln -s "$ROOT" "$EXTENSIONS/$ext_id"
e2e_log "extension $ext_id -> $ROOT"

e2e_start "$WS"
rc=0
node "$ROOT/test/e2e/ui.cjs" "$BASE_URL" "$WS" "$RESULTS" || rc=$?
if [ "$rc" != 0 ]; then
  e2e_log "ui scenarios failed (exit $rc); last lines of code-server.log:"
  tail -n 10 "$RUN/code-server.log" | sed 's/^/    /'
fi
e2e_log "screenshots: $(cd "$ROOT" && ls test-results/e2e/*.png 2>/dev/null | tr '\n' ' ')"
exit "$rc"
