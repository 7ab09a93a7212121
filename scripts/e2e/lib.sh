# Shared by scripts/e2e/run.sh and scripts/e2e/itest.sh (sourced, not run):
# a throw-away code-server on 127.0.0.1 whose every file lives in one temporary run folder.
#
#   e2e_init NAME           run folder /tmp/wirelane-NAME.XXXXXX (short: socket paths < 108 chars)
#                           with user-data/, extensions/, ws/ (the workspace) and the
#                           isolation dirs; results go to test-results/NAME/
#   e2e_build               npm run build (skipped with E2E_NO_BUILD=1)
#   e2e_workspace           copies media/sample/handshake.pcap into the workspace
#   e2e_start [ARG...]      starts code-server (extra args appended), waits for /healthz
#   (on exit)               stops code-server by its PID, keeps its logs in test-results/NAME/logs,
#                           removes the run folder (kept with E2E_KEEP=1)
#
# Env: WIRELANE_TOOLS (default <repo>/.tools, filled by `scripts/ci-setup.sh browser editor`),
#      E2E_PORT (default: a free port), E2E_NO_BUILD=1, E2E_KEEP=1
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS=${WIRELANE_TOOLS:-$ROOT/.tools}
CODE_SERVER=$TOOLS/bin/code-server
SAMPLE=$ROOT/media/sample/handshake.pcap
E2E_T0=$(date +%s%N)
export E2E_T0_MS=$((E2E_T0 / 1000000)) # the drivers' clocks start here too
CS_PID=""

e2e_log() { printf '[%s %5.1fs] %s\n' "$E2E_NAME" "$((($(date +%s%N) - E2E_T0) / 1000000))e-3" "$*"; }
e2e_die() { e2e_log "error: $*" >&2; exit 1; }

e2e_init() {
  E2E_NAME=$1
  [ -x "$CODE_SERVER" ] || e2e_die "no code-server in $TOOLS: run scripts/ci-setup.sh browser editor"
  [ -x /usr/bin/chromium ] || e2e_die "no /usr/bin/chromium: run scripts/ci-setup.sh browser"
  [ -d "$ROOT/node_modules/playwright-core" ] || e2e_die "no playwright-core in node_modules: run npm ci"
  RESULTS=$ROOT/test-results/$E2E_NAME
  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
  RUN=$(mktemp -d "/tmp/wirelane-$E2E_NAME.XXXXXX")
  USER_DATA=$RUN/user-data
  EXTENSIONS=$RUN/extensions
  WS=$RUN/ws
  mkdir -p "$USER_DATA/User" "$EXTENSIONS" "$WS"
  # Everything code-server, its extension host and Chromium write goes into the run folder, not
  # $HOME or the shared /tmp: ipc/git sockets (os.tmpdir()), ~/.config/code-server/config.yaml,
  # ~/.local/share/code-server, @vscode/deviceid (~/.cache), Chromium's crash reports and dconf.
  export TMPDIR=$RUN/tmp XDG_CACHE_HOME=$RUN/cache XDG_CONFIG_HOME=$RUN/config
  export XDG_DATA_HOME=$RUN/data XDG_RUNTIME_DIR=$RUN/runtime
  mkdir -p "$TMPDIR" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  # user settings live on the server side: <user-data-dir>/User/settings.json
  cat >"$USER_DATA/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
  trap e2e_cleanup EXIT
  # timeout(1) signals the whole process group: exit through the EXIT trap (logs kept, folder removed)
  trap 'exit 143' TERM
  trap 'exit 130' INT
  e2e_log "run folder $RUN, results in ${RESULTS#"$ROOT"/}"
}

e2e_build() {
  if [ -n "${E2E_NO_BUILD:-}" ]; then
    [ -f "$ROOT/dist/extension.js" ] || e2e_die "E2E_NO_BUILD set but dist/extension.js is missing"
    return 0
  fi
  e2e_log "npm run build"
  (cd "$ROOT" && npm run --silent build) || e2e_die "build failed"
}

e2e_workspace() {
  cp "$SAMPLE" "$WS/"
}

e2e_free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

e2e_start() {
  PORT=${E2E_PORT:-$(e2e_free_port)}
  BASE_URL=http://127.0.0.1:$PORT
  e2e_log "starting code-server on $BASE_URL"
  # own process group (setsid), so that cleanup can stop the server *and* what it started
  # (extension host, pty host, tsserver…) by its group id, and wait for all of them
  setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none \
    --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override --ignore-last-opened \
    "$@" >"$RUN/code-server.log" 2>&1 &
  CS_PID=$!
  local i
  for i in $(seq 1 600); do
    if curl -fs -o /dev/null "$BASE_URL/healthz" 2>/dev/null; then
      e2e_log "code-server (pid $CS_PID) answers /healthz"
      return 0
    fi
    if ! kill -0 "$CS_PID" 2>/dev/null; then
      tail -n 40 "$RUN/code-server.log" >&2
      e2e_die "code-server exited before answering"
    fi
    sleep 0.1
  done
  tail -n 40 "$RUN/code-server.log" >&2
  e2e_die "code-server did not answer /healthz within 60 s"
}

e2e_cleanup() {
  local rc=$?
  if [ -n "$CS_PID" ]; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do # up to 5 s, then KILL what is left of the group
      kill -0 -- "-$CS_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
    wait "$CS_PID" 2>/dev/null || true
  fi
  if [ -n "${RUN:-}" ] && [ -d "$RUN" ]; then
    # server log and the VS Code logs (remote extension host, exthost output of the extension)
    mkdir -p "$RESULTS/logs"
    cp "$RUN/code-server.log" "$RESULTS/logs/" 2>/dev/null || true
    [ -d "$USER_DATA/logs" ] && cp -r "$USER_DATA/logs" "$RESULTS/logs/vscode" 2>/dev/null || true
    if [ -n "${E2E_KEEP:-}" ]; then
      e2e_log "kept run folder $RUN"
    else
      rm -rf "$RUN"
    fi
  fi
  exit "$rc"
}
