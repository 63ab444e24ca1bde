#!/usr/bin/env python3
"""HTTP/1.1 conformance vectors against plain Spring Boot and Zokio side by side, as a Markdown table.

    python3 benchmarks/scripts/conformance.py     (after ./mvnw package; both sample-app jars)

Each vector is sent on a connection of its own to the sample app with and without the Zokio starter;
the table gives the status answered and whether the server then closed the connection. The vectors are
the ones ConformanceIntegrationTests asserts on every transport and HTTP/1.1 layout.
"""
import socket, subprocess, time, urllib.request
from pathlib import Path
CHUNKED = b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
VECTORS = [
 ("RFC 9112 §2.2", "empty line before the request line", b"\r\nGET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §2.2", "whitespace before the first field line", b"GET /plaintext HTTP/1.1\r\n Host: a\r\n\r\n"),
 ("RFC 9112 §2.2", "bare CR in a field value", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n"),
 ("RFC 9112 §2.3", "lower-case HTTP-name", b"GET /plaintext http/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §2.3, RFC 9110 §6.2", "HTTP/1.2", b"GET /plaintext HTTP/1.2\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3", "request line of 8,000 octets", b"GET /plaintext?q=" + b"a"*7970 + b" HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3", "request line of 9,000 octets", b"GET /plaintext?q=" + b"a"*8970 + b" HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2", "missing Host", b"GET /plaintext HTTP/1.1\r\n\r\n"),
 ("RFC 9112 §3.2", "two Host fields", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
 ("RFC 9112 §3.2", "empty Host", b"GET /plaintext HTTP/1.1\r\nHost:\r\n\r\n"),
 ("RFC 9112 §3.2, RFC 3986 §3.2.2", "Host with a path", b"GET /plaintext HTTP/1.1\r\nHost: a/b\r\n\r\n"),
 ("RFC 9110 §4.2.4", "Host with user information", b"GET /plaintext HTTP/1.1\r\nHost: user@example.com\r\n\r\n"),
 ("RFC 9112 §3.2, §9.3", "HTTP/1.0 without Host", b"GET /plaintext HTTP/1.0\r\n\r\n"),
 ("RFC 9112 §3.2", "NUL in the target", b"GET /plain\x00text HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2", "raw byte above 0x7E in the target", b"GET /caf\xe9 HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2", "target in no form", b"GET plaintext HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2.2", "absolute-form", b"GET http://a/plaintext HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2.3", "authority-form without CONNECT", b"GET a:443 HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9110 §9.3.6", "CONNECT to an origin server", b"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n"),
 ("RFC 9112 §3.2.4", "asterisk-form without OPTIONS", b"GET * HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2.4, RFC 9110 §9.3.7", "OPTIONS *", b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §5", "field section over the limit", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: " + b"a"*20000 + b"\r\n\r\n"),
 ("RFC 9112 §5.1", "whitespace before the colon", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A : b\r\n\r\n"),
 ("RFC 9110 §5.1", "field name that is not a token", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n"),
 ("RFC 9110 §5.5", "NUL in a field value", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: a\x00b\r\n\r\n"),
 ("RFC 9110 §5.5", "obs-text in a field value", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: caf\xe9\r\n\r\n"),
 ("RFC 9112 §5.2", "obsolete line folding", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n"),
 ("RFC 9112 §6.1", "transfer coding other than chunked", b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
 ("RFC 9112 §6.1", "chunked applied twice", b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
 ("RFC 9112 §6.1", "Transfer-Encoding in HTTP/1.0", b"POST /echo HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
 ("RFC 9112 §6.3", "Content-Length and Transfer-Encoding", b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
 ("RFC 9112 §6.3, RFC 9110 §8.6", "Content-Length that is not a number", b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello"),
 ("RFC 9112 §6.3", "two different Content-Length values", b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
 ("RFC 9112 §7.1", "chunk size that is not hexadecimal", CHUNKED + b"5\r\nhello\r\nZZ\r\nabc\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1", "chunk longer than its size", CHUNKED + b"3\r\nhello\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1", "chunk size over 31 bits", CHUNKED + b"100000000\r\nhello\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1.1", "chunk extensions", CHUNKED + b"5 ; a ; b=c;d=\"e \\\" f\"\r\nhello\r\n0;z\r\n\r\n"),
 ("RFC 9112 §7.1.1", "empty chunk extension", CHUNKED + b"5;\r\nhello\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1.1", "chunk extension name that is not a token", CHUNKED + b"5;a b\r\nhello\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1.1", "chunk size line of 9,000 octets", CHUNKED + b"5;x=" + b"a"*9000 + b"\r\nhello\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1.2", "trailer fields", CHUNKED + b"5\r\nhello\r\n0\r\nX-T: a\r\nX-U: b\r\n\r\n"),
 ("RFC 9112 §7.1.2, §5.2", "folded trailer field", CHUNKED + b"5\r\nhello\r\n0\r\nX-T: a\r\n b\r\n\r\n"),
 ("RFC 9110 §6.6.1", "Date on a 200", b"GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"),
]
def run(port, req):
    s=socket.create_connection(("127.0.0.1",port)); s.settimeout(3); s.sendall(req)
    data=b""
    try:
        while b"\r\n\r\n" not in data:
            c=s.recv(65536)
            if not c: break
            data+=c
    except socket.timeout: pass
    if not data: return ("reset/closed, no answer", False, False)
    head=data.split(b"\r\n\r\n")[0].decode("latin1")
    status=head.split("\r\n")[0].split(" ",2)[1]
    date="\r\ndate:" in head.lower()
    closed=False
    try:
        s.settimeout(1.5)
        while True:
            c=s.recv(65536)
            if not c: closed=True; break
    except socket.timeout: closed=False
    except ConnectionResetError: closed=True
    s.close()
    return (status, closed, date)
def start(jar, port):
    p=subprocess.Popen(["java","-jar",jar,f"--server.port={port}","--server.address=127.0.0.1","--logging.level.root=WARN"],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/plaintext",timeout=1); return p
        except Exception: time.sleep(0.5)
    raise SystemExit("no start")
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
root=Path(__file__).resolve().parents[2] / "sample-app" / "target"
ports={"boot":free_port(),"zokio":free_port()}
apps={"boot":start(str(root / "zokio-sample-app-without-zokio.jar"),ports["boot"]),
      "zokio":start(str(root / "zokio-sample-app.jar"),ports["zokio"])}
try:
    print("| Rule | Vector | plain Boot | Zokio |"); print("|---|---|---|---|")
    for sec,name,req in VECTORS:
        cells=[]
        for a in ("boot","zokio"):
            st,closed,date=run(ports[a],req)
            if name.startswith("Date"):
                cells.append(f"{st}, {'Date' if date else 'no Date'}")
            else:
                cells.append(f"{st}{', closed' if closed else ', kept open' if st[0].isdigit() else ''}")
        print(f"| {sec} | {name} | {cells[0]} | {cells[1]} |", flush=True)
finally:
    for p in apps.values(): p.terminate()
