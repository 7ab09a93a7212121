#!/usr/bin/env bash
# Makes Wirelane's own capture fixtures with real tools: real kernel TCP traffic on the
# loopback interface `lo`, produced by small python3 (stdlib only) clients and servers,
# captured by tcpdump (pcap) and dumpcap (pcapng). Then regenerates the tshark oracles.
# A few scenarios need more than a loopback: unanswered.pcap uses a veth pair whose far
# end drops everything; simultaneous-open/-close and loss-reorder join two network
# namespaces through scripts/fixtures/tunfwd.py, a user-space forwarder between two TUN
# devices that holds, drops, swaps and delays chosen packets (no netem on these kernels).
#
# Outputs (committed; re-running overwrites them with equivalent captures):
#   media/sample/handshake.pcap, media/sample/connections.pcapng
#   test/fixtures/*.pcap, *.pcapng, *.gz   (see test/fixtures/README.md)
#   test/fixtures/oracles/*.tshark.tsv     (scripts/make-oracle.sh --all)
#
# Usage: scripts/make-fixtures.sh [NAME...]   NAME = a fixture below (default: all), e.g. bulk rst
# Needs root (packet capture, network namespace), tcpdump, dumpcap, tshark/capinfos, python3, ip;
# for the veth/TUN fixtures also nsenter + unshare (util-linux), veth and /dev/net/tun.
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
CAP_PIDS=()
FWD_PID="" PEER_PID=""
cleanup() {
  # stop a capture left running by a failure, the TUN forwarder and the peer namespace's
  # holder process (see tun_up), then drop the scratch folder
  local p
  for p in "${CAP_PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ -n "$FWD_PID" ]; then kill "$FWD_PID" 2>/dev/null || true; wait "$FWD_PID" 2>/dev/null || true; fi
  if [ -n "$PEER_PID" ]; then kill "$PEER_PID" 2>/dev/null || true; wait "$PEER_PID" 2>/dev/null || true; fi
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
import argparse, os, socket, struct, sys, threading, time

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

def connect(host, port, cport, maxseg=None, src=None):
    c = socket.socket(family_of(host), socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if maxseg:  # advertise (and use) a smaller MSS than loopback's 65483
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, maxseg)
    c.bind((src or host, cport))  # fixed client port: same 4-tuple on every run
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

# ---- scenarios added for issue 3 (close kinds, keep-alive, zero window, TUN-forwarded ones)

def abort(sock):
    """close() with SO_LINGER {on, 0}: the kernel sends RST instead of FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()

def touch(path):
    open(path, "w").close()

def wait_file(path, timeout=20.0):
    end = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > end:
            sys.exit("timed out waiting for " + path)
        time.sleep(0.01)

def cmd_close3way(a):
    """Client closes first; the server calls close() as soon as it reads EOF. On receiving
    the FIN, Linux enters CLOSE_WAIT and delays its ACK (ping-pong mode); the server's own
    FIN leaves within microseconds and carries that ACK: FIN, FIN/ACK, ACK."""
    srv = listener(a.host, a.port)
    body = body_chunks(2, 3, b"close3way")
    total = sum(len(b) for b in body)
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_until(conn, b"\r\n\r\n")
        time.sleep(STEP)
        conn.sendall(response_head(total))
        for b in body:
            time.sleep(STEP)
            conn.sendall(b)
        recv_eof(conn)
        conn.close()  # at once: no pause, so the delayed ACK of the FIN rides on our FIN
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport)
    time.sleep(STEP)
    c.sendall(request(a.host, a.port, "/three-way-close"))
    head = recv_until(c, b"\r\n\r\n")
    recv_exact(c, total - len(head.split(b"\r\n\r\n", 1)[1]))
    time.sleep(STEP)
    c.close()
    t.join()
    srv.close()
    log("close3way %s:%d <- %d" % (a.host, a.port, a.cport))

def cmd_rstclient(a):
    """The server sends the head and half of the announced body, then waits; the client
    reads that much, gives up and aborts (SO_LINGER {1,0} + close): RST from the client."""
    srv = listener(a.host, a.port)
    body = body_chunks(4, 3, b"rstclient")
    total = sum(len(b) for b in body)
    sent = response_head(total) + b"".join(body[:2])
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_until(conn, b"\r\n\r\n")
        time.sleep(STEP)
        conn.sendall(response_head(total))
        for b in body[:2]:
            time.sleep(STEP)
            conn.sendall(b)
        try:
            conn.recv(4096)  # a stalled server: nothing more until the client gives up
            sys.exit("rstclient: expected a reset")
        except ConnectionResetError:
            pass
        conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport)
    time.sleep(STEP)
    c.sendall(request(a.host, a.port, "/slow"))
    recv_exact(c, len(sent))
    time.sleep(2 * STEP)
    abort(c)
    t.join()
    srv.close()
    log("rstclient %s:%d <- %d" % (a.host, a.port, a.cport))

def cmd_unanswered(a):
    """connect() to an address whose packets are silently dropped: the SYN and its
    retransmissions (TCP_SYNCNT 2: after 1 s and 3 s), then connect() fails at ~7 s."""
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 2)
    c.bind((a.src, a.cport))
    t0 = time.monotonic()
    try:
        c.connect((a.host, a.port))
        sys.exit("unanswered: connect succeeded")
    except (TimeoutError, socket.timeout):
        pass
    c.close()
    log("unanswered %s:%d <- %s:%d, gave up after %.1f s" % (a.host, a.port, a.src, a.cport, time.monotonic() - t0))

def cmd_keepalive(a):
    """One request/response, then both sides idle; the client has SO_KEEPALIVE with
    TCP_KEEPIDLE 1 s and TCP_KEEPINTVL 1 s, so every second it sends a keep-alive (seq =
    SND.UNA - 1, no data) which the server ACKs. After 3.5 s idle the client closes."""
    srv = listener(a.host, a.port)
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_until(conn, b"\n")
        time.sleep(STEP)
        conn.sendall(b"PONG\n")
        recv_eof(conn)
        time.sleep(0.1)
        conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 5)
    time.sleep(STEP)
    c.sendall(b"PING\n")
    recv_until(c, b"\n")
    time.sleep(a.idle)
    c.close()
    t.join()
    srv.close()
    log("keepalive %s:%d <- %d, idle %.1f s" % (a.host, a.port, a.cport, a.idle))

def cmd_zerowindow(a):
    """The client sends a.bytes with MSS 1400 to a server with a 2 KiB SO_RCVBUF (4 KiB
    after the kernel doubles it) that reads nothing for a.pause seconds: the window fills,
    the server advertises 0, the client sends zero-window probes (RTO backoff), then the
    server reads everything at once and a window update lets the rest through."""
    srv = listener(a.host, a.port, rcvbuf=2048)
    got = [0]
    def serve():
        conn, _ = srv.accept()
        time.sleep(a.pause)
        while True:
            d = conn.recv(65536)
            if not d:
                break
            got[0] += len(d)
        conn.sendall(b"OK %d\n" % got[0])
        conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport, maxseg=1400)
    data = (bytes(range(32, 127)) * (a.bytes // 95 + 1))[:a.bytes]
    c.sendall(data)
    c.shutdown(socket.SHUT_WR)
    reply = recv_eof(c)
    c.close()
    t.join()
    srv.close()
    if got[0] != a.bytes:
        sys.exit("zerowindow: server got %d of %d bytes" % (got[0], a.bytes))
    log("zerowindow %d bytes, reply %r" % (got[0], reply))

def cmd_midstream(a):
    """Connects, then lets the caller start its capture (files in a.sig: connected -> go),
    exchanges two request/responses, then lets the caller stop the capture (done -> stop)
    before either side closes: the capture holds neither handshake nor close."""
    srv = listener(a.host, a.port)
    body = body_chunks(2, 3, b"midstream")
    total = sum(len(b) for b in body)
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(2):
            recv_until(conn, b"\r\n\r\n")
            time.sleep(STEP)
            conn.sendall(response_head(total))
            for b in body:
                time.sleep(STEP)
                conn.sendall(b)
        recv_eof(conn)
        time.sleep(0.1)
        conn.close()
    t = threading.Thread(target=serve)
    t.start()
    c = connect(a.host, a.port, a.cport)
    touch(os.path.join(a.sig, "connected"))
    wait_file(os.path.join(a.sig, "go"))
    for path in ("/first", "/second"):
        time.sleep(STEP)
        c.sendall(request(a.host, a.port, path))
        head = recv_until(c, b"\r\n\r\n")
        recv_exact(c, total - len(head.split(b"\r\n\r\n", 1)[1]))
    touch(os.path.join(a.sig, "done"))
    wait_file(os.path.join(a.sig, "stop"))
    c.close()
    t.join()
    srv.close()
    log("midstream %s:%d <- %d" % (a.host, a.port, a.cport))

def cmd_halfopen(a):
    """Like halfclose, but the capture ends while the connection is still half-closed:
    the client sends its request and shutdown(SHUT_WR)s (FIN); the server ACKs it and
    sends two segments, then the caller stops the capture (files in a.sig: done -> stop)
    before the server closes its side."""
    srv = listener(a.host, a.port)
    body = body_chunks(2, 3, b"halfopen")
    def serve():
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_eof(conn)
        for b in body:
            time.sleep(STEP)
            conn.sendall(b)
        touch(os.path.join(a.sig, "done"))
        wait_file(os.path.join(a.sig, "stop"))
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
    log("halfopen %s:%d <- %d" % (a.host, a.port, a.cport))

def cmd_portreuse(a):
    """Two connections on the same 4-tuple, one after the other. The server closes first
    both times, so the server keeps the first connection in TIME_WAIT and the client port
    is free at once; the second SYN meets that TIME_WAIT socket, which Linux accepts
    because the SYN's TCP timestamp is newer (RFC 6191) and starts a new connection."""
    srv = listener(a.host, a.port)
    http_exchange(a.host, a.port, a.cport, "server", srv=srv)
    time.sleep(0.3)
    http_exchange(a.host, a.port, a.cport, "server", srv=srv)
    srv.close()

# Peers for the TUN-forwarded scenarios: one process per network namespace, same program.
# --side a is 10.77.0.1 (the script's namespace, where the capture usually runs), --side b
# is 10.77.0.2 behind the forwarder; a.ready (if given) is touched once b is listening.

def cmd_simopen(a):
    """Both sides bind a fixed port and connect() to each other, no listener anywhere; the
    forwarder holds the first SYN until the other side's SYN comes, so the SYNs cross
    (RFC 9293 simultaneous open). Then a sends a line, b answers, a closes first."""
    if a.side == "a":
        me, peer = (a.local, a.cport), (a.host, a.port)
    else:
        me, peer = (a.local, a.port), (a.host, a.cport)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.bind(me)
    s.connect(peer)
    if a.side == "a":
        time.sleep(STEP)
        s.sendall(b"HELLO from %s:%d\n" % (me[0].encode(), me[1]))
        recv_until(s, b"\n")
        time.sleep(STEP)
        s.close()
    else:
        recv_until(s, b"\n")
        time.sleep(STEP)
        s.sendall(b"HELLO back from %s:%d\n" % (me[0].encode(), me[1]))
        recv_eof(s)
        time.sleep(0.1)
        s.close()
    log("simopen side %s %s:%d <-> %s:%d" % (a.side, me[0], me[1], peer[0], peer[1]))

def cmd_simclose(a):
    """Ordinary connection a -> b, one request and response; then both sides close()
    100 ms after the response. The forwarder holds the first FIN until the other side's
    FIN comes, so the FINs cross: both go FIN_WAIT_1 -> CLOSING -> TIME_WAIT."""
    if a.side == "b":
        srv = listener(a.local, a.port)
        touch(a.ready)
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv_until(conn, b"\n")
        time.sleep(STEP)
        conn.sendall(b"BYE\n")
        time.sleep(0.1)
        conn.close()
        srv.close()
    else:
        c = connect(a.host, a.port, a.cport, src=a.local)
        time.sleep(STEP)
        c.sendall(b"QUIT\n")
        recv_until(c, b"\n")
        time.sleep(0.1)
        c.close()
    log("simclose side %s" % a.side)

def cmd_loss(a):
    """a uploads a.bytes (MSS 1460 on the TUN's 1500 MTU) in one burst, then shuts down
    its sending side; b reads to EOF, answers "OK n" and closes. The forwarder drops and
    swaps chosen data segments, so the receiver sees a hole (SACK, duplicate ACKs), the
    sender fast-retransmits, and a later pair arrives out of order."""
    if a.side == "b":
        srv = listener(a.local, a.port)
        touch(a.ready)
        conn, _ = srv.accept()
        n = len(recv_eof(conn))
        time.sleep(STEP)
        conn.sendall(b"OK %d\n" % n)
        conn.close()
        srv.close()
        if n != a.bytes:
            sys.exit("loss: server got %d of %d bytes" % (n, a.bytes))
    else:
        c = connect(a.host, a.port, a.cport, src=a.local)
        time.sleep(STEP)
        data = (bytes(range(32, 127)) * (a.bytes // 95 + 1))[:a.bytes]
        c.sendall(data)
        c.shutdown(socket.SHUT_WR)
        reply = recv_eof(c)
        c.close()
        log("loss: %d bytes, reply %r" % (a.bytes, reply))

p = argparse.ArgumentParser()
sub = p.add_subparsers(dest="cmd", required=True)
for name, fn in [("http", cmd_http), ("connections", cmd_connections), ("refused", cmd_refused),
                 ("bulk", cmd_bulk), ("rst", cmd_rst), ("halfclose", cmd_halfclose),
                 ("close3way", cmd_close3way), ("rstclient", cmd_rstclient),
                 ("unanswered", cmd_unanswered), ("keepalive", cmd_keepalive),
                 ("zerowindow", cmd_zerowindow), ("midstream", cmd_midstream),
                 ("portreuse", cmd_portreuse), ("simopen", cmd_simopen),
                 ("simclose", cmd_simclose), ("loss", cmd_loss), ("halfopen", cmd_halfopen)]:
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
    if name == "unanswered":
        sp.add_argument("--src", required=True)
    if name == "keepalive":
        sp.add_argument("--idle", type=float, default=3.5)
    if name == "zerowindow":
        sp.add_argument("--bytes", type=int, default=20000)
        sp.add_argument("--pause", type=float, default=2.0)
    if name in ("midstream", "halfopen"):
        sp.add_argument("--sig", required=True, help="folder for the signal files")
    if name in ("simopen", "simclose", "loss"):
        sp.add_argument("--side", choices=["a", "b"], required=True)
        sp.add_argument("--local", required=True, help="this side's address")
        sp.add_argument("--ready", help="file touched once side b listens")
    if name == "loss":
        sp.add_argument("--bytes", type=int, default=40000)
a = p.parse_args()
a.fn(a)
PYEOF

# ---------------------------------------------------------------- capture helper
# capture OUT FILTER CAPTURE-COMMAND... -- TRAFFIC...
#   CAPTURE-COMMAND is tcpdump or dumpcap with its interface/format options (it may be
#   prefixed, e.g. by `nsenter -t PID -n` to capture in another namespace); this adds the
#   filter, the output file and the options every capture needs.
#   TRAFFIC is the traffic generator's arguments, or @FUNCTION ARGS... to run a shell
#   function instead (traffic with processes in two namespaces).
capture() {
  local out=$1 filter=$2; shift 2
  local tool=()
  while [ "$1" != "--" ]; do tool+=("$1"); shift; done
  shift
  cap_start "$out" "$filter" "${tool[@]}"
  if [[ $1 == @* ]]; then
    local fn=${1#@}; shift
    "$fn" "$@"
  else
    python3 "$PY" "$@"
  fi
  sleep 0.5   # let the last ACKs be seen before stopping
  cap_stop
}

# cap_start OUT FILTER CAPTURE-COMMAND... — start a capture in the background, return once
# it is running; several may run at once (e.g. one on each side of the TUN forwarder).
# cap_stop — stop every running capture and move each file to its OUT.
CAP_PIDS=() CAP_OUTS=() CAP_TMPS=() CAP_ERRS=() CAP_TOOLS=()
cap_start() {
  local out=$1 filter=$2; shift 2
  local tool=("$@") w ready name="" tmp err pid
  for w in "${tool[@]}"; do case $w in tcpdump|dumpcap) name=$w; break ;; esac; done
  tmp="$WORK/$(basename "$out")"
  err="$tmp.stderr"
  case "$name" in
    tcpdump)
      # -Z root: Debian's tcpdump would otherwise drop to user "tcpdump" before writing
      "${tool[@]}" -Z root --immediate-mode -U -n -w "$tmp" "$filter" 2>"$err" &
      ready="listening on" ;;
    dumpcap)
      "${tool[@]}" -f "$filter" -w "$tmp" 2>"$err" &
      ready="Capturing on" ;;
    *) die "unknown capture tool in: ${tool[*]}" ;;
  esac
  pid=$!
  CAP_PIDS+=("$pid") CAP_OUTS+=("$out") CAP_TMPS+=("$tmp") CAP_ERRS+=("$err") CAP_TOOLS+=("$name")
  # wait until the capture is really running (it says so on stderr), at most 10 s
  local i
  for i in $(seq 100); do
    grep -q "$ready" "$err" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$err" >&2; die "$name exited early"; }
    sleep 0.1
  done
  grep -q "$ready" "$err" || { cat "$err" >&2; die "$name did not start"; }
  sleep 0.3   # the socket is open before the message; give the filter a moment to attach
}
cap_stop() {
  local k n out tmp
  for k in "${!CAP_PIDS[@]}"; do kill -INT "${CAP_PIDS[$k]}"; done
  for k in "${!CAP_PIDS[@]}"; do
    wait "${CAP_PIDS[$k]}" || { cat "${CAP_ERRS[$k]}" >&2; die "${CAP_TOOLS[$k]} failed"; }
  done
  for k in "${!CAP_PIDS[@]}"; do
    out=${CAP_OUTS[$k]} tmp=${CAP_TMPS[$k]}
    n=$(capinfos -T -r -M -c "$tmp" 2>/dev/null | awk -F'\t' '{print $2}')
    [ "${n:-0}" -gt 0 ] || { cat "${CAP_ERRS[$k]}" >&2; die "no packets captured for $(basename "$out")"; }
    mkdir -p "$(dirname "$out")"
    mv "$tmp" "$out"
    chmod 644 "$out"   # dumpcap creates its files 0600
    log "$(basename "$out"): $n packets, $(stat -c %s "$out") bytes"
  done
  CAP_PIDS=() CAP_OUTS=() CAP_TMPS=() CAP_ERRS=() CAP_TOOLS=()
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

# ---- fixtures added for issue 3: every close kind, keep-alive, zero window, loss and
# reordering, simultaneous open/close, mid-stream capture, port reuse.

fx_close_3way() {
  capture "$FIX/close-3way.pcap" "tcp port 18150" "${TCPDUMP_LO[@]}" -- \
    close3way --port 18150 --cport 41150
}
fx_rst_client() {
  capture "$FIX/rst-client.pcap" "tcp port 18160" "${TCPDUMP_LO[@]}" -- \
    rstclient --port 18160 --cport 41160
}
fx_keepalive() {
  capture "$FIX/keepalive.pcap" "tcp port 18200" "${TCPDUMP_LO[@]}" -- \
    keepalive --port 18200 --cport 41200 --idle 3.5
}
fx_zero_window() { # snaplen 96: headers intact, payload cut
  capture "$FIX/zero-window.pcap" "tcp port 18210" "${TCPDUMP_LO[@]}" -s 96 -- \
    zerowindow --port 18210 --cport 41210 --bytes 20000 --pause 2
}
fx_port_reuse() {
  capture "$FIX/port-reuse.pcap" "tcp port 18230" "${TCPDUMP_LO[@]}" -- \
    portreuse --port 18230 --cport 41230
}

# wait_for FILE — wait (at most 20 s) until FILE exists
wait_for() {
  local i
  for i in $(seq 200); do [ -e "$1" ] && return 0; sleep 0.1; done
  die "timed out waiting for $1"
}

fx_midstream() {   # the capture starts after the handshake and stops before the close
  local sig="$WORK/midstream.sig" tp
  rm -rf "$sig"; mkdir -p "$sig"
  python3 "$PY" midstream --port 18220 --cport 41220 --sig "$sig" & tp=$!
  wait_for "$sig/connected"
  cap_start "$FIX/midstream.pcap" "tcp port 18220" "${TCPDUMP_LO[@]}"
  touch "$sig/go"
  wait_for "$sig/done"
  sleep 0.5          # the last ACKs, not the close
  cap_stop
  touch "$sig/stop"
  wait "$tp"
}

fx_halfclose_unfinished() {  # the capture stops while the server still has its side open
  local sig="$WORK/halfopen.sig" tp
  rm -rf "$sig"; mkdir -p "$sig"
  cap_start "$FIX/halfclose-unfinished.pcap" "tcp port 18250" "${TCPDUMP_LO[@]}"
  python3 "$PY" halfopen --port 18250 --cport 41250 --sig "$sig" & tp=$!
  wait_for "$sig/done"
  sleep 0.5          # the client's ACK of the last segment
  cap_stop
  touch "$sig/stop"
  wait "$tp"
}

# ---- scenarios that need more than one loopback: a veth pair, or two namespaces joined
# by the user-space TUN forwarder scripts/fixtures/tunfwd.py (these kernels have no netem)

# need_netns WHAT — true in the script's private namespace; else warn (we would be
# creating interfaces on the machine itself) and skip
need_netns() {
  [ -n "${WIRELANE_FIXTURES_NETNS:-}" ] && return 0
  warn "$1 needs the private network namespace (WIRELANE_NO_NETNS is set): skipped"
  return 1
}

fx_unanswered() {
  # veth pair wlv0 (10.78.0.1) / wlv1 (no address), both in our namespace, fixed MACs; a
  # permanent neighbour entry sends 10.78.0.2 to wlv1's MAC. wlv1 receives the SYNs, but
  # 10.78.0.2 is nobody's and forwarding is off, so the kernel drops them silently (no
  # ICMP, no RST): the client's SYN is retransmitted, TCP_SYNCNT 2 ends it after ~7 s.
  # Linux >= 6.x retransmits the first tcp_syn_linear_timeouts (default 4) SYNs after a
  # constant 1 s; 0 gives the classic exponential backoff (SYNs at 0, 1, 3 s) that every
  # kernel shows. A per-namespace setting: only our private namespace changes.
  need_netns unanswered.pcap || return 0
  if [ -e /proc/sys/net/ipv4/tcp_syn_linear_timeouts ]; then
    echo 0 > /proc/sys/net/ipv4/tcp_syn_linear_timeouts
  fi
  ip link del wlv0 2>/dev/null || true
  ip link add wlv0 address 02:00:00:78:00:01 type veth peer name wlv1 address 02:00:00:78:00:02
  ip addr add 10.78.0.1/24 dev wlv0
  ip link set wlv0 up
  ip link set wlv1 up
  ip neigh replace 10.78.0.2 lladdr 02:00:00:78:00:02 dev wlv0 nud permanent
  capture "$FIX/unanswered.pcap" "tcp port 18170" tcpdump -i wlv0 --time-stamp-precision=micro -- \
    unanswered --host 10.78.0.2 --src 10.78.0.1 --port 18170 --cport 41170
  ip link del wlv0
}

# tun_up FORWARDER-OPTIONS... — a second network namespace B (held by a `sleep` started
# with unshare -n) and tunfwd.py joining A (ours, device wlA, 10.77.0.1/24) and B (device
# wlB, 10.77.0.2/24). tun_down — stop both. in_b COMMAND... — run COMMAND in B.
TUNFWD="$ROOT/scripts/fixtures/tunfwd.py"
A_IP=10.77.0.1 B_IP=10.77.0.2
in_b() { nsenter -t "$PEER_PID" -n "$@"; }
tun_up() {
  command -v nsenter >/dev/null 2>&1 || die "nsenter not found (util-linux)"
  [ -c /dev/net/tun ] || die "no /dev/net/tun (modprobe tun)"
  unshare -n sleep 600 & PEER_PID=$!
  local i
  for i in $(seq 100); do
    [ "$(readlink "/proc/$PEER_PID/ns/net")" != "$(readlink /proc/self/ns/net)" ] && break
    sleep 0.05
  done
  [ "$(readlink "/proc/$PEER_PID/ns/net")" != "$(readlink /proc/self/ns/net)" ] || die "no second namespace"
  : > "$WORK/tunfwd.out"
  python3 "$TUNFWD" --netns-b "/proc/$PEER_PID/ns/net" "$@" >"$WORK/tunfwd.out" 2>"$WORK/tunfwd.err" &
  FWD_PID=$!
  for i in $(seq 100); do
    grep -q ready "$WORK/tunfwd.out" && break
    kill -0 "$FWD_PID" 2>/dev/null || { cat "$WORK/tunfwd.err" >&2; die "tunfwd.py exited early"; }
    sleep 0.1
  done
  grep -q ready "$WORK/tunfwd.out" || die "tunfwd.py did not start"
  ip addr add "$A_IP/24" dev wlA
  ip link set wlA up
  in_b ip link set lo up
  in_b ip addr add "$B_IP/24" dev wlB
  in_b ip link set wlB up
  sleep 0.2
}
tun_down() {
  kill "$FWD_PID"; wait "$FWD_PID" || true; FWD_PID=""
  kill "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; PEER_PID=""
  cat "$WORK/tunfwd.err" >&2   # what the forwarder held, dropped or swapped
}

tr_simopen() {     # both sides connect() at once; no listener
  local pb pa
  in_b python3 "$PY" simopen --side b --local "$B_IP" --host "$A_IP" --port "$1" --cport "$2" & pb=$!
  python3 "$PY" simopen --side a --local "$A_IP" --host "$B_IP" --port "$1" --cport "$2" & pa=$!
  wait "$pa"; wait "$pb"
}
tr_ab() {          # tr_ab SCENARIO PORT CPORT [ARGS...]: server side b listens, then side a connects
  local sc=$1 port=$2 cport=$3 pb; shift 3
  rm -f "$WORK/b.ready"
  in_b python3 "$PY" "$sc" --side b --local "$B_IP" --host "$A_IP" --port "$port" --cport "$cport" \
    --ready "$WORK/b.ready" "$@" & pb=$!
  wait_for "$WORK/b.ready"
  python3 "$PY" "$sc" --side a --local "$A_IP" --host "$B_IP" --port "$port" --cport "$cport" "$@"
  wait "$pb"
}

fx_simultaneous_open() {
  need_netns simultaneous-open.pcap || return 0
  tun_up --cross syn
  capture "$FIX/simultaneous-open.pcap" "tcp port 18180" tcpdump -i wlA --time-stamp-precision=micro -- \
    @tr_simopen 18180 41180
  tun_down
}
fx_simultaneous_close() {
  need_netns simultaneous-close.pcap || return 0
  tun_up --cross fin
  capture "$FIX/simultaneous-close.pcap" "tcp port 18190" tcpdump -i wlA --time-stamp-precision=micro -- \
    @tr_ab simclose 18190 41190
  tun_down
}
fx_loss_reorder() {
  # One run, two captures of the same connection, snaplen 96 (52 bytes of IP+TCP headers):
  # loss-reorder.pcap in B on wlB (the receiver's side: the hole, the out-of-order pair)
  # and loss-reorder-sender.pcap in A on wlA (the sender's side: the dropped segment was
  # sent, then SACKs/duplicate ACKs and its fast retransmission). 10 ms each way.
  need_netns loss-reorder.pcap || return 0
  tun_up --delay 10 --gap 1 --drop-data 5 --swap-data 12
  cap_start "$FIX/loss-reorder.pcap" "tcp port 18240" nsenter -t "$PEER_PID" -n \
    tcpdump -i wlB --time-stamp-precision=micro -s 96
  cap_start "$FIX/loss-reorder-sender.pcap" "tcp port 18240" tcpdump -i wlA --time-stamp-precision=micro -s 96
  tr_ab loss 18240 41240 --bytes 40000
  sleep 0.5
  cap_stop
  tun_down
}

ALL=(handshake connections lo_ipv4 lo_ipv4_nano lo_ipv6 lo_snaplen any_sll any_sll2 bulk rst refused halfclose
     close_3way rst_client unanswered simultaneous_open simultaneous_close keepalive zero_window
     loss_reorder midstream port_reuse halfclose_unfinished)
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
