#!/usr/bin/python3
"""test/net/peer.py -- the host side of the network tests.

Usage: peer.py server PORTFILE      a TCP and UDP server on 127.0.0.1 (or
                                    $PEER_ADDR), port written to PORTFILE
       peer.py echo HOST PORT       drive an echo server: lines, timing
       peer.py drop HOST PORT       a line to an echo server, its answer,
                                    then a reset instead of a close
       peer.py many HOST PORT N     N connections to an echo server at
                                    once, each a line and its end, then
                                    the answers read in order
       peer.py bulk HOST PORT BYTES send BYTES, expect the count back
       peer.py sink PORTFILE [DIE]  count what one connection sends;
                                    with DIE, vanish (exit at once,
                                    unread data and all) after DIE bytes
       peer.py talk HOST PORT TEXT  send TEXT (\\n and \\r as escapes),
                                    close our end, print all that comes
       peer.py ping HOST COUNT      ICMP echo requests (root); prints
                                    how many were answered
       peer.py fuzz IFACE MAC IP PORT COUNT
                                    COUNT malformed and random frames
                                    to MAC/IP on IFACE (root, AF_PACKET)

The server, per TCP connection: reads lines; "reset" gets "resetting"
and then a reset (SO_LINGER 0); any other line is answered "upper:
LINE" in capitals once the client closes its end.  Per UDP datagram:
sends back "udp " + the datagram.  It stops after 120 s without a connection.
Written for these tests; only the loopback (or the test's own
namespace) is ever addressed.
"""
import os, socket, struct, sys, threading, time


def server(portfile):
    addr = os.environ.get("PEER_ADDR", "127.0.0.1")
    t = socket.socket()
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind((addr, 0))
    t.listen(8)
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind((addr, port))
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(portfile + ".tmp", portfile)

    def udp():
        while True:
            data, peer = u.recvfrom(2048)
            u.sendto(b"udp " + data, peer)

    def conn(c):
        f = c.makefile("rb")
        lines = []
        for line in f:
            if line.strip() == b"reset":
                c.sendall(b"resetting\n")
                time.sleep(0.2)
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                c.close()
                return
            lines.append(line)
        for line in lines:
            c.sendall(b"upper: " + line.decode().upper().encode())
        c.close()

    threading.Thread(target=udp, daemon=True).start()
    t.settimeout(120)
    try:
        while True:
            c, _ = t.accept()
            threading.Thread(target=conn, args=(c,), daemon=True).start()
    except socket.timeout:
        pass


def echo(host, port):
    """Three checks against an echo server, then 50 timed requests."""
    s = socket.create_connection((host, port), timeout=10)
    f = s.makefile("rwb")
    for line in ["hello", "w\u00f6rld", ""]:
        f.write((line + "\n").encode())
        f.flush()
        print(f.readline().decode(), end="")
    start = time.time()
    for i in range(50):
        f.write(b"x\n")
        f.flush()
        if f.readline() != b"echo: x\n":
            print("bad echo")
    each = (time.time() - start) / 50
    sys.stderr.write("latency: %.2f ms per request\n" % (each * 1000))
    s.shutdown(socket.SHUT_WR)
    print("rest: %r" % f.read())


def drop(host, port):
    s = socket.create_connection((host, port), timeout=20)
    f = s.makefile("rwb")
    f.write(b"going\n")
    f.flush()
    print(f.readline().decode(), end="")
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def many(host, port, n):
    conns = [socket.create_connection((host, port), timeout=20) for i in range(n)]
    for i, s in enumerate(conns):
        s.sendall(b"line %d\n" % i)
        s.shutdown(socket.SHUT_WR)
    for s in conns:
        print(s.makefile().read(), end="")


def bulk(host, port, n):
    s = socket.create_connection((host, port), timeout=30)
    chunk = b"z" * 65536
    start = time.time()
    left = n
    while left > 0:
        k = min(left, len(chunk))
        s.sendall(chunk[:k])
        left -= k
    s.shutdown(socket.SHUT_WR)
    reply = s.makefile().read()
    took = time.time() - start
    print(reply.strip())
    sys.stderr.write("bulk: %d bytes in %.3f s: %.1f MB/s\n" % (n, took, n / took / 1e6))


def sink(portfile, die=None):
    t = socket.socket()
    t.bind((os.environ.get("PEER_ADDR", "127.0.0.1"), 0))
    t.listen(1)
    t.settimeout(30)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % t.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    c, _ = t.accept()
    start, total = None, 0
    while True:
        data = c.recv(65536)
        if start is None:
            start = time.time()
        if not data:
            break
        total += len(data)
        if die is not None and total >= die:
            os._exit(9)     # the kernel resets the connection
    took = time.time() - (start or time.time())
    c.sendall(b"%d\n" % total)
    c.close()
    print("received %d" % total)
    sys.stderr.write("sink: %d bytes in %.3f s: %.1f MB/s\n" % (total, took, total / max(took, 1e-6) / 1e6))


def talk(host, port, text):
    s = socket.create_connection((host, port), timeout=20)
    start = time.time()
    s.sendall(text.replace("\\n", "\n").replace("\\r", "\r").encode())
    s.shutdown(socket.SHUT_WR)
    reply = b""
    while True:
        data = s.recv(65536)
        if not data:
            break
        reply += data
    sys.stderr.write("talk: %.2f ms\n" % ((time.time() - start) * 1000))
    sys.stdout.write(reply.decode().replace("\r", "\\r"))
    if not reply.endswith(b"\n"):
        print()


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def ping(host, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(1.0)
    answered = 0
    times = []
    for seq in range(count):
        payload = b"zoot ping %d" % seq + bytes(range(40))
        head = struct.pack("!BBHHH", 8, 0, 0, 0x2a2a, seq)
        packet = struct.pack("!BBHHH", 8, 0, checksum(head + payload), 0x2a2a, seq) + payload
        start = time.time()
        s.sendto(packet, (host, 0))
        deadline = start + 1.0
        while time.time() < deadline:
            try:
                data, peer = s.recvfrom(2048)
            except socket.timeout:
                break
            icmp = data[(data[0] & 15) * 4:]
            if peer[0] == host and icmp[0] == 0 and icmp[4:8] == packet[4:8] and icmp[8:] == payload:
                answered += 1
                times.append(time.time() - start)
                break
    print("ping: %d of %d answered" % (answered, count))
    if times:
        sys.stderr.write("ping: %.2f ms on average\n" % (sum(times) / len(times) * 1000))


def fuzz(iface, mac, ip, port, count):
    """Frames a stack must survive: runts, truncated and lying headers,
    bad checksums, fragments, options running off the end, random
    bytes; each addressed to the guest so that it is looked at."""
    import random
    rnd = random.Random(19)
    dst = bytes(int(b, 16) for b in mac.split(":"))
    src = bytes([0x02, 0, 0, 0, 0, 0x19])
    gip = socket.inet_aton(ip)
    me = socket.inet_aton("10.0.3.1")
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))

    def eth(t, body):
        return dst + src + struct.pack("!H", t) + body

    def ip_hdr(length, proto, ihl=5, frag=0, good=True):
        h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, length, 1, frag, 64, proto, 0, me, gip)
        if good:
            h = h[:10] + struct.pack("!H", checksum(h)) + h[12:]
        return h

    def tcp_hdr(flags, off=5, extra=b""):
        return struct.pack("!HHIIBBHHH", 40000, port, rnd.getrandbits(32), 0, off << 4, flags, 512, 0, 0) + extra

    def tcp_valid(flags, sport, seq, ack, data, opts=b""):
        off = 5 + len(opts) // 4
        h = struct.pack("!HHIIBBHHH", sport, port, seq, ack, off << 4, flags, rnd.getrandbits(16), 0, 0) + opts
        seg = h + data
        pseudo = me + gip + struct.pack("!BBH", 0, 6, len(seg))
        seg = seg[:16] + struct.pack("!H", checksum(pseudo + seg)) + seg[18:]
        return eth(0x0800, ip_hdr(20 + len(seg), 6) + seg)

    def tcp_random():
        # Reaches the state machine: a valid checksum, random flags,
        # numbers and options, from a few source ports.
        opts = bytes(rnd.getrandbits(8) for _ in range(4 * rnd.randrange(0, 4)))
        data = bytes(rnd.getrandbits(8) for _ in range(rnd.choice([0, 0, 1, 100, 1400])))
        return tcp_valid(rnd.getrandbits(6), 41000 + rnd.randrange(3), rnd.getrandbits(32),
                         rnd.getrandbits(32), data, opts)

    shapes = [
        tcp_random, tcp_random, tcp_random,
        lambda: tcp_valid(2, 41000 + rnd.randrange(3), rnd.getrandbits(32), 0, b""),  # SYN
        lambda: dst + src,                                           # runt
        lambda: eth(0x0800, b""),                                    # no IP header
        lambda: eth(0x0800, ip_hdr(20, 6)[:12]),                     # truncated IP header
        lambda: eth(0x0800, ip_hdr(60, 6)),                          # total length beyond the frame
        lambda: eth(0x0800, ip_hdr(20, 6, ihl=15) + b"\0" * 8),      # header length beyond the packet
        lambda: eth(0x0800, ip_hdr(20, 6, ihl=2)),                   # header length below 20
        lambda: eth(0x0800, ip_hdr(40, 6, good=False) + tcp_hdr(2)), # bad checksum
        lambda: eth(0x0800, ip_hdr(40, 6, frag=0x2000) + tcp_hdr(2)),# a fragment
        lambda: eth(0x0800, ip_hdr(30, 6) + tcp_hdr(2)[:10]),        # truncated TCP header
        lambda: eth(0x0800, ip_hdr(40, 6) + tcp_hdr(2, off=15)),     # TCP offset beyond the segment
        lambda: eth(0x0800, ip_hdr(40, 6) + tcp_hdr(2, off=1)),      # TCP offset below 20
        lambda: eth(0x0800, ip_hdr(44, 6) + tcp_hdr(2, off=6, extra=b"\x02\xff\x05\xb4")),  # option past the end
        lambda: eth(0x0800, ip_hdr(28, 17) + struct.pack("!HHHH", 1, 9, 400, 0)),  # UDP length beyond
        lambda: eth(0x0800, ip_hdr(28, 17) + struct.pack("!HHHH", 1, 9, 3, 0)),    # UDP length below 8
        lambda: eth(0x0800, ip_hdr(24, 1) + b"\x08\0\0\0"),        # ICMP echo too short
        lambda: eth(0x0806, b"\0\1\8\0\6\4\0\1"),                # truncated ARP
        lambda: eth(0x0806, struct.pack("!HHBBH", 1, 0x800, 6, 4, 2) + src + me + b"\xff" * 6 + gip),  # broadcast ARP reply
        lambda: eth(0x0800, bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(0, 200)))),
        lambda: eth(rnd.getrandbits(16), bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(0, 100)))),
        lambda: eth(0x0800, ip_hdr(20 + 20, 6) + bytes(rnd.getrandbits(8) for _ in range(20))),
        lambda: bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(14, 1514))),
        lambda: dst + bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(8, 1508))),
    ]
    sent = 0
    for i in range(count):
        frame = shapes[i % len(shapes)]()
        try:
            s.send(frame)
            sent += 1
        except OSError:
            pass
    sys.stderr.write("fuzz: %d frames sent\n" % sent)
    print("fuzz: done")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "server":
        server(sys.argv[2])
    elif cmd == "echo":
        echo(sys.argv[2], int(sys.argv[3]))
    elif cmd == "drop":
        drop(sys.argv[2], int(sys.argv[3]))
    elif cmd == "many":
        many(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "bulk":
        bulk(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "sink":
        sink(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)
    elif cmd == "talk":
        talk(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif cmd == "ping":
        ping(sys.argv[2], int(sys.argv[3]))
    elif cmd == "fuzz":
        fuzz(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
