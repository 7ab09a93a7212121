#!/usr/bin/env bash
# Installs what Wirelane's tests and fixture scripts need on a fresh Debian machine.
#
# Idempotent and quick when everything is already there: apt is only touched
# (and `apt-get update` only run) when a package is actually missing.
# Each group of tools is one function; add a function and list it in GROUPS
# (or pass group names as arguments) to install more, e.g. a later `browser`
# group for chromium and an `editor` group for code-server.
#
# Usage: scripts/ci-setup.sh [GROUP...]     (default: every group in GROUPS)
#   groups: capture   tshark + tcpdump (+ python3 for scripts/make-fixtures.sh)
# Env:   SKIP_APT=1  check only, never install (fails if something is missing)
set -euo pipefail

GROUPS_DEFAULT=(capture)

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

# ---------------------------------------------------------------- main

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=("${GROUPS_DEFAULT[@]}")
for g in "${groups[@]}"; do
  declare -F "group_$g" >/dev/null || die "unknown group '$g' (known: ${GROUPS_DEFAULT[*]})"
  "group_$g"
done
log "done"
