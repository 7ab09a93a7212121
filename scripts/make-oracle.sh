#!/usr/bin/env bash
# Writes a tshark "oracle" TSV for a capture: one row per frame with ports, raw and
# relative seq/ack, flags, lengths, windows, options and every tcp.analysis.* flag.
#
# The tshark command below is EXACTLY the one documented in ../shared/corpora/README.md
# (same -o options, same fields in the same order, same -E formatting), so one parser in
# the test code reads both the external corpus oracles and the project's own fixture oracles.
# Do not add, remove or reorder fields here without regenerating the corpus oracles too.
#
# Usage:
#   scripts/make-oracle.sh IN OUT    oracle for one capture (pcap, pcapng, also .gz: tshark reads gzip)
#   scripts/make-oracle.sh --all     oracles for every capture in test/fixtures/ and media/sample/
#                                    into test/fixtures/oracles/<file name>.tshark.tsv
#                                    (same naming as the corpus: the capture's file name + .tshark.tsv)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ORACLES="$ROOT/test/fixtures/oracles"

die() { echo "make-oracle: $*" >&2; exit 1; }
command -v tshark >/dev/null 2>&1 || die "tshark not found (run scripts/ci-setup.sh)"

# The corpus oracles were made with TShark 4.0.17; other versions may print some
# analysis fields differently. Warn, do not fail: the caller decides what to trust.
TSHARK_VERSION=$(tshark --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9.]*\).*/\1/p')
case "$TSHARK_VERSION" in
  4.0.*) ;;
  *) echo "make-oracle: warning: tshark $TSHARK_VERSION; corpus oracles were made with 4.0.17" >&2 ;;
esac

# An empty personal configuration folder, so a developer's own Wireshark preferences
# (e.g. relative seq numbers off, a changed TCP pref) cannot change the oracle.
CONF_DIR=$(mktemp -d)
trap 'rm -rf "$CONF_DIR"' EXIT
export WIRESHARK_CONFIG_DIR="$CONF_DIR"

# oracle IN OUT — run the documented command; write OUT only when tshark succeeded.
oracle() {
  local in="$1" out="$2" tmp err rc=0
  [ -f "$in" ] || die "no such capture: $in"
  mkdir -p "$(dirname "$out")"
  tmp="$out.tmp.$$"; err="$out.stderr.$$"
  tshark -n -r "$in" \
    -o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE \
    -T fields -E header=y -E separator=/t -E quote=n -E occurrence=a -E aggregator=, \
    -e frame.number -e frame.time_epoch -e frame.interface_id -e frame.len -e frame.cap_len -e frame.protocols \
    -e ip.src -e ipv6.src -e ip.dst -e ipv6.dst \
    -e tcp.srcport -e tcp.dstport -e tcp.stream -e tcp.flags -e tcp.flags.str \
    -e tcp.seq -e tcp.seq_raw -e tcp.nxtseq -e tcp.ack -e tcp.ack_raw -e tcp.len -e tcp.hdr_len \
    -e tcp.window_size_value -e tcp.window_size -e tcp.window_size_scalefactor \
    -e tcp.option_kind -e tcp.options.mss_val -e tcp.options.wscale.shift -e tcp.options.sack_le -e tcp.options.sack_re \
    -e tcp.options.timestamp.tsval -e tcp.options.timestamp.tsecr \
    -e tcp.completeness \
    -e tcp.analysis.flags -e tcp.analysis.retransmission -e tcp.analysis.fast_retransmission -e tcp.analysis.spurious_retransmission \
    -e tcp.analysis.out_of_order -e tcp.analysis.lost_segment -e tcp.analysis.ack_lost_segment \
    -e tcp.analysis.duplicate_ack -e tcp.analysis.duplicate_ack_num -e tcp.analysis.duplicate_ack_frame \
    -e tcp.analysis.zero_window -e tcp.analysis.zero_window_probe -e tcp.analysis.zero_window_probe_ack \
    -e tcp.analysis.window_full -e tcp.analysis.window_update -e tcp.analysis.keep_alive -e tcp.analysis.keep_alive_ack \
    -e tcp.analysis.reused_ports -e tcp.analysis.rto -e tcp.analysis.acks_frame -e tcp.analysis.bytes_in_flight \
    > "$tmp" 2> "$err" || rc=$?
  # tshark always warns about running as root; anything else on stderr is worth showing.
  grep -v '^Running as user "root"' "$err" >&2 || true
  rm -f "$err"
  if [ "$rc" != 0 ]; then
    rm -f "$tmp"
    die "tshark failed (rc=$rc) on $in"
  fi
  mv "$tmp" "$out"
  echo "oracle: $(basename "$out") ($(($(wc -l < "$out") - 1)) frames)"
}

if [ "${1:-}" = "--all" ]; then
  [ $# -eq 1 ] || die "usage: $0 --all"
  shopt -s nullglob
  captures=("$ROOT"/media/sample/*.pcap "$ROOT"/media/sample/*.pcapng \
            "$ROOT"/test/fixtures/*.pcap "$ROOT"/test/fixtures/*.pcapng \
            "$ROOT"/test/fixtures/*.pcap.gz "$ROOT"/test/fixtures/*.pcapng.gz)
  [ ${#captures[@]} -gt 0 ] || die "no captures found (run scripts/make-fixtures.sh)"
  # Samples and fixtures share one oracle folder: refuse two captures with the same name.
  dups=$(for c in "${captures[@]}"; do basename "$c"; done | sort | uniq -d)
  [ -z "$dups" ] || die "capture names used twice: $dups"
  # Drop oracles whose capture no longer exists, so the folder mirrors the captures.
  for o in "$ORACLES"/*.tshark.tsv; do
    name=$(basename "$o" .tshark.tsv)
    found=0
    for c in "${captures[@]}"; do [ "$(basename "$c")" = "$name" ] && found=1; done
    [ "$found" = 1 ] || { echo "oracle: removing stale $(basename "$o")"; rm -f "$o"; }
  done
  for c in "${captures[@]}"; do
    oracle "$c" "$ORACLES/$(basename "$c").tshark.tsv"
  done
else
  [ $# -eq 2 ] || die "usage: $0 IN OUT | $0 --all"
  oracle "$1" "$2"
fi
