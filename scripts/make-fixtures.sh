#!/usr/bin/env bash
# Makes Wirelane's own capture fixtures with real tools: real kernel TCP traffic on the
# loopback interface `lo`, produced by small python3 (stdlib only) clients and servers,
# captured by tcpdump (pcap) and dumpcap (pcapng). Then regenerates the tshark oracles.
#
# Outputs (committed; re-running overwrites them with equivalent captures):
#   media/sample/handshake.pcap, media/sample/connections.pcapng
#   test/fixtures/*.pcap, *.pcapng, *.gz   (see test/fixtures/README.md)
#   test/fixtures/oracles/*.tshark.tsv     (scripts/make-oracle.sh --all)
#
# Usage: scripts/make-fixtures.sh [NAME...]   NAME = a fixture below (default: all), e.g. bulk rst
# Needs root (packet capture, network namespace), tcpdump, dumpcap, tshark/capinfos, python3, ip.
# Env:  WIRELANE_NO_NETNS=1       capture on the machine's own lo instead of a private one
#       BULK_SNAPLEN=N            snap length for bulk.pcap (default 96; 0 = whole packets, ~330 KB)
#
# Why it is built this way:
# * Everything runs in a private network namespace (unshare -n): its `lo` carries nothing
#   but our traffic, fixed ports can never clash with services or TIME_WAIT leftovers of
#   the previous run, and we may tune that lo without touching the machine's.
# * In that namespace lo gets gso_max_segs 1. Linux loopback otherwise hands tcpdump
#   GSO "super-segments" (one captured packet holding many MSS worth of data), which no
#   real wire shows; with 1 segment per skb every captured packet is a real TCP segment.
# * Fixed client ports (bind before connect) and fixed payloads keep the captures the same
#   from run to run except for timestamps, ISNs and TSvals, which the kernel chooses.
# * tcpdump runs with --immediate-mode: otherwise packets wait in the TPACKET_V3 ring
#   buffer for up to a second and are lost when tcpdump is stopped right after the traffic.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAMPLE="$ROOT/media/sample"
FIX="$ROOT/test/fixtures"
BULK_SNAPLEN=${BULK_SNAPLEN:-96}

log() { echo "[fixtures] $*"; }
warn() { echo "[fixtures] warning: $*" >&2; }
die() { echo "[fixtures] error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (packet capture on lo)"
for t in tcpdump dumpcap tshark capinfos python3 gzip ip; do
  command -v "$t" >/dev/null 2>&1 || die "$t not found (run scripts/ci-setup.sh)"
done

# ---------------------------------------------------------------- private network namespace
if [ -z "${WIRELANE_FIXTURES_NETNS:-}" ] && [ -z "${WIRELANE_NO_NETNS:-}" ]; then
  if unshare -n true 2>/dev/null; then
    exec env WIRELANE_FIXTURES_NETNS=1 unshare -n -- bash "${BASH_SOURCE[0]}" "$@"
  fi
  warn "cannot create a network namespace; capturing on the machine's lo (GSO not limited)"
fi
if [ -n "${WIRELANE_FIXTURES_NETNS:-}" ]; then
  ip link set dev lo up
  ip link set dev lo gso_max_segs 1 || warn "cannot limit GSO on lo: bulk.pcap may hold super-segments"
fi

WORK=$(mktemp -d)
CAP_PID=""
cleanup() {
  # stop a capture left running by a failure, then drop the scratch folder
  if [ -n "$CAP_PID" ]; then kill -INT "$CAP_PID" 2>/dev/null || true; wait "$CAP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------- traffic generator
# One python3 program, one sub-command per scenario. Server and client run in the same
# process (server in a thread, listening before the client connects), so the order of
# events is fixed. Small sleeps between application steps separate the segments in time,
# so every write becomes its own segment and delayed ACKs get the chance to fire.
PY="$WORK/traffic.py"
cat > "$PY" <<'PYEOF'
import argparse, socket, struct, sys, threading, time

STEP = 0.05  # seconds between application steps

def log(msg):
    print("  traffic: " + msg, file=sys.stderr, flush=True)

def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET

def listener(host, port, rcvbuf=None):
    s = socket.socket(family_of(host), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:  # must be set before listen(): the window scale is chosen from it at SYN time
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((host, port))
    s.listen(4)
    return s

def connect(host, port, cport, maxseg=None):
    c = socket.socket(family_of(host), socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if maxseg:  # advertise (and use) a smaller MSS than loopback's 65483
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, maxseg)
    c.bind((host, cport))  # fixed client port: same 4-tuple on every run
    c.connect((host, port))
    return c

def recv_until(sock, marker):
    buf = b""
    while marker not in buf:
        d = sock.recv(4096)
        if not d:
            break
        buf += d
    return buf

def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        d = sock.recv(n - len(buf))
        if not d:
            break
        buf += d
    return buf

def recv_eof(sock):
    buf = b""
    while True:
        d = sock.recv(4096)
        if not d:
            return buf
        buf += d

def body_chunks(n_chunks, lines_per_chunk, tag):
    """Deterministic plain-text body: numbered lines, split in n_chunks writes."""
    chunks, k = [], 0
    for _ in range(n_chunks):
        lines = []
        for _ in range(lines_per_chunk):
            k += 1
            lines.append(b"%s line %03d: the quick brown fox jumps over the lazy dog\n" % (tag, k))
        chunks.append(b"".join(lines))
    return chunks

def request(host, port, path):
    h = "[%s]" % host if ":" in host else host
    return ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUser-Agent: wirelane-fixture/1\r\nAccept: */*\r\n\r\n"
            % (path, h, port)).encode()

def response_head(length, extra=b""):
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n%s\r\n"
            % (length, extra))

def http_exchange(host, port, cport, closer, chunks=3, lines=3, srv=None):
    """One HTTP-like exchange: request, response head + `chunks` body segments, graceful close.
    closer='client': client closes after reading the body, server closes on EOF.
    closer='server': server closes after the body (Connection: close), client closes on EOF.
    The passive side waits 0.1 s before its own close, so its ACK of the FIN goes out alone
    (Linux delays it ~40 ms) and the close is the classic four segments."""
    own = srv is None
    if own:
        srv = listener(host, port)
    body = body_chunks(chunks, lines, b"cport=%d" % cport)
    total = sum(len(b) for b in body)
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_until(conn, b"\r\n\r\n")
        time.sleep(STEP)
        conn.sendall(response_head(total, b"Connection: close\r\n" if closer == "server" else b""))
        for b in body:
            time.sleep(STEP)
            conn.sendall(b)
        if closer == "server":
            time.sleep(STEP)
            conn.close()
        else:
            recv_eof(conn)
            time.sleep(0.1)
            conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(host, port, cport)
    time.sleep(STEP)
    c.sendall(request(host, port, "/index.html"))
    head = recv_until(c, b"\r\n\r\n")
    got = len(head.split(b"\r\n\r\n", 1)[1])
    recv_exact(c, total - got)
    if closer == "client":
        time.sleep(STEP)
        c.close()
    else:
        recv_eof(c)
        time.sleep(0.1)
        c.close()
    t.join()
    if own:
        srv.close()
    log("http %s:%d <- %d, %d body bytes, %s closed first" % (host, port, cport, total, closer))

def refused(host, port, cport):
    """SYN to a port nobody listens on: the kernel answers RST/ACK."""
    try:
        c = connect(host, port, cport)
        c.close()
        sys.exit("refused: port %d unexpectedly accepted" % port)
    except ConnectionRefusedError:
        log("refused %s:%d <- %d" % (host, port, cport))

def cmd_http(a):
    http_exchange(a.host, a.port, a.cport, a.closer, a.chunks, a.lines)

def cmd_connections(a):
    # two completed connections to one server port (client closes first, then server
    # closes first) and a refused one to the next port, one after another.
    srv = listener(a.host, a.port)
    http_exchange(a.host, a.port, a.cport, "client", srv=srv)
    time.sleep(0.2)
    http_exchange(a.host, a.port, a.cport + 1, "server", srv=srv)
    time.sleep(0.2)
    refused(a.host, a.port + 1, a.cport + 2)
    srv.close()

def cmd_refused(a):
    refused(a.host, a.port, a.cport)

def cmd_bulk(a):
    """Client uploads a.bytes with MSS 1400 to a server with a tiny receive buffer that
    starts reading only after 0.5 s and then reads slowly: the window fills, the server
    advertises a zero window, the client sends zero-window probes, window updates follow."""
    srv = listener(a.host, a.port, rcvbuf=8192)  # kernel doubles it: 16 KiB
    got = [0]
    def serve():
        conn, _ = srv.accept()
        time.sleep(0.5)
        while True:
            d = conn.recv(2048)
            if not d:
                break
            got[0] += len(d)
            time.sleep(0.002)
        conn.sendall(b"OK %d\n" % got[0])
        time.sleep(STEP)
        conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport, maxseg=1400)
    pattern = bytes(range(32, 127))  # printable, deterministic
    data = (pattern * (a.bytes // len(pattern) + 1))[:a.bytes]
    c.sendall(data)
    c.shutdown(socket.SHUT_WR)
    reply = recv_eof(c)
    c.close()
    t.join()
    srv.close()
    if got[0] != a.bytes:
        sys.exit("bulk: server got %d of %d bytes" % (got[0], a.bytes))
    log("bulk %d bytes, reply %r" % (got[0], reply))

def cmd_rst(a):
    """Server sends the head and part of the body, then aborts: SO_LINGER {on, 0} makes
    close() send RST instead of FIN (connection reset mid-stream)."""
    srv = listener(a.host, a.port)
    body = body_chunks(4, 3, b"rst")
    total = sum(len(b) for b in body)
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_until(conn, b"\r\n\r\n")
        time.sleep(STEP)
        conn.sendall(response_head(total))
        for b in body[:2]:  # only half of the announced body
            time.sleep(STEP)
            conn.sendall(b)
        time.sleep(STEP)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport)
    time.sleep(STEP)
    c.sendall(request(a.host, a.port, "/partial"))
    try:
        recv_eof(c)
        sys.exit("rst: expected a reset")
    except ConnectionResetError:
        pass
    c.close()
    t.join()
    srv.close()
    log("rst %s:%d <- %d" % (a.host, a.port, a.cport))

def cmd_halfclose(a):
    """Client sends its request and shuts down its sending side (FIN); the server keeps
    sending three segments to the half-closed client, then closes."""
    srv = listener(a.host, a.port)
    body = body_chunks(3, 3, b"halfclose")
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_eof(conn)  # request, then the client's FIN
        for b in body:
            time.sleep(STEP)
            conn.sendall(b)
        time.sleep(STEP)
        conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport)
    time.sleep(STEP)
    c.sendall(b"REPORT please; I will not send anything more\n")
    time.sleep(STEP)
    c.shutdown(socket.SHUT_WR)
    recv_eof(c)
    c.close()
    t.join()
    srv.close()
    log("halfclose %s:%d <- %d" % (a.host, a.port, a.cport))

p = argparse.ArgumentParser()
sub = p.add_subparsers(dest="cmd", required=True)
for name, fn in [("http", cmd_http), ("connections", cmd_connections), ("refused", cmd_refused),
                 ("bulk", cmd_bulk), ("rst", cmd_rst), ("halfclose", cmd_halfclose)]:
    sp = sub.add_parser(name)
    sp.set_defaults(fn=fn)
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, required=True)
    sp.add_argument("--cport", type=int, required=True)
    if name == "http":
        sp.add_argument("--closer", choices=["client", "server"], default="client")
        sp.add_argument("--chunks", type=int, default=3)
        sp.add_argument("--lines", type=int, default=3)
    if name == "bulk":
        sp.add_argument("--bytes", type=int, default=300000)
a = p.parse_args()
a.fn(a)
PYEOF

# ---------------------------------------------------------------- capture helper
# capture OUT FILTER CAPTURE-COMMAND... -- TRAFFIC-ARGS...
#   CAPTURE-COMMAND is tcpdump or dumpcap with its interface/format options; this adds the
#   filter, the output file and the options every capture needs.
capture() {
  local out=$1 filter=$2; shift 2
  local tool=()
  while [ "$1" != "--" ]; do tool+=("$1"); shift; done
  shift
  local tmp="$WORK/$(basename "$out")" err ready
  err="$tmp.stderr"
  case "${tool[0]}" in
    tcpdump)
      # -Z root: Debian's tcpdump would otherwise drop to user "tcpdump" before writing
      "${tool[@]}" -Z root --immediate-mode -U -n -w "$tmp" "$filter" 2>"$err" &
      ready="listening on" ;;
    dumpcap)
      "${tool[@]}" -f "$filter" -w "$tmp" 2>"$err" &
      ready="Capturing on" ;;
    *) die "unknown capture tool ${tool[0]}" ;;
  esac
  CAP_PID=$!
  # wait until the capture is really running (it says so on stderr), at most 10 s
  local i
  for i in $(seq 100); do
    grep -q "$ready" "$err" 2>/dev/null && break
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$err" >&2; die "${tool[0]} exited early"; }
    sleep 0.1
  done
  grep -q "$ready" "$err" || { cat "$err" >&2; die "${tool[0]} did not start"; }
  sleep 0.3   # the socket is open before the message; give the filter a moment to attach

  python3 "$PY" "$@"

  sleep 0.5   # let the last ACKs be seen before stopping
  kill -INT "$CAP_PID"
  wait "$CAP_PID" || { cat "$err" >&2; die "${tool[0]} failed"; }
  CAP_PID=""
  local n
  n=$(capinfos -T -r -M -c "$tmp" 2>/dev/null | awk -F'\t' '{print $2}')
  [ "${n:-0}" -gt 0 ] || { cat "$err" >&2; die "no packets captured for $(basename "$out")"; }
  mkdir -p "$(dirname "$out")"
  mv "$tmp" "$out"
  chmod 644 "$out"   # dumpcap creates its files 0600
  log "$(basename "$out"): $n packets, $(stat -c %s "$out") bytes"
}

# gz SRC — gzip next to it; -n leaves out name and time so the .gz depends only on SRC
gz() { gzip -9 -n -c "$1" > "$1.gz"; log "$(basename "$1").gz: $(stat -c %s "$1.gz") bytes"; }

# ---------------------------------------------------------------- fixtures
# Ports: server 18xxx, client 41xxx; one port pair per fixture, so the BPF filter of each
# capture sees only its own connection(s).
TCPDUMP_LO=(tcpdump -i lo --time-stamp-precision=micro)

fx_handshake() {   # bundled sample: one complete connection, HTTP-like, graceful close
  capture "$SAMPLE/handshake.pcap" "tcp port 18080" "${TCPDUMP_LO[@]}" -- \
    http --port 18080 --cport 41080 --closer client
}
fx_connections() { # bundled sample, pcapng from dumpcap: client-closes, server-closes, refused
  capture "$SAMPLE/connections.pcapng" "tcp port 18090 or tcp port 18091" dumpcap -i lo -- \
    connections --port 18090 --cport 41090
}
fx_lo_ipv4() {
  capture "$FIX/lo-ipv4.pcap" "tcp port 18100" "${TCPDUMP_LO[@]}" -- \
    http --port 18100 --cport 41100 --closer client
  gz "$FIX/lo-ipv4.pcap"
}
fx_lo_ipv4_nano() {
  capture "$FIX/lo-ipv4-nano.pcap" "tcp port 18101" tcpdump -i lo --time-stamp-precision=nano -- \
    http --port 18101 --cport 41101 --closer server
}
fx_lo_ipv6() {
  ip -6 addr show dev lo 2>/dev/null | grep -q '::1/128' || { warn "no ::1 on lo: lo-ipv6.pcapng skipped"; return 0; }
  capture "$FIX/lo-ipv6.pcapng" "tcp port 18102" dumpcap -i lo -- \
    http --host ::1 --port 18102 --cport 41102 --closer client
  gz "$FIX/lo-ipv6.pcapng"
}
fx_lo_snaplen() {  # -s 96: headers (66 bytes with timestamps) + 30 payload bytes per packet
  capture "$FIX/lo-snaplen.pcap" "tcp port 18103" "${TCPDUMP_LO[@]}" -s 96 -- \
    http --port 18103 --cport 41103 --closer client --lines 6
}
fx_any_sll() {
  capture "$FIX/any-sll.pcap" "tcp port 18104" tcpdump -i any -y LINUX_SLL --time-stamp-precision=micro -- \
    http --port 18104 --cport 41104 --closer client
}
fx_any_sll2() {
  # tcpdump -L lists the link types on stderr; libpcap < 1.10 has no SLL2
  local dlts
  dlts=$(tcpdump -i any -L 2>&1 || true)
  [[ $dlts == *LINUX_SLL2* ]] || { warn "tcpdump/libpcap without LINUX_SLL2: any-sll2.pcap skipped"; return 0; }
  capture "$FIX/any-sll2.pcap" "tcp port 18105" tcpdump -i any -y LINUX_SLL2 --time-stamp-precision=micro -- \
    http --port 18105 --cport 41105 --closer server
}
fx_bulk() {        # ~300 KB upload; snap length keeps the committed file small (headers intact)
  local snap=()
  [ "$BULK_SNAPLEN" = 0 ] || snap=(-s "$BULK_SNAPLEN")
  capture "$FIX/bulk.pcap" "tcp port 18110" "${TCPDUMP_LO[@]}" "${snap[@]}" -- \
    bulk --port 18110 --cport 41110 --bytes 300000
}
fx_rst() {
  capture "$FIX/rst.pcap" "tcp port 18120" "${TCPDUMP_LO[@]}" -- \
    rst --port 18120 --cport 41120
}
fx_refused() {
  capture "$FIX/refused.pcap" "tcp port 18130" "${TCPDUMP_LO[@]}" -- \
    refused --port 18130 --cport 41130
}
fx_halfclose() {
  capture "$FIX/halfclose.pcap" "tcp port 18140" "${TCPDUMP_LO[@]}" -- \
    halfclose --port 18140 --cport 41140
}

ALL=(handshake connections lo_ipv4 lo_ipv4_nano lo_ipv6 lo_snaplen any_sll any_sll2 bulk rst refused halfclose)
names=()
for n in "$@"; do names+=("${n//-/_}"); done   # accept lo-ipv4 as well as lo_ipv4
[ ${#names[@]} -gt 0 ] || names=("${ALL[@]}")
for n in "${names[@]}"; do
  declare -F "fx_$n" >/dev/null || die "unknown fixture '$n' (known: ${ALL[*]})"
done

for n in "${names[@]}"; do
  log "== $n"
  "fx_$n"
done

# Oracles for every capture (also those not regenerated now), so they never drift apart.
bash "$ROOT/scripts/make-oracle.sh" --all

# Committed files should stay small.
for f in "$SAMPLE"/* "$FIX"/*.pcap "$FIX"/*.pcapng "$FIX"/*.gz; do
  [ -f "$f" ] || continue
  [ "$(stat -c %s "$f")" -le 51200 ] || warn "$(basename "$f") is $(stat -c %s "$f") bytes (> 50 KB)"
done
log "done"
