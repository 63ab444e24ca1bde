#!/usr/bin/env python3
"""HTTP/1.1 conformance vectors against plain Spring Boot and Zokio side by side, as a Markdown table.

    python3 benchmarks/scripts/conformance.py     (after ./mvnw package; both sample-app jars)

Each vector is sent on a connection of its own to the sample app with and without the Zokio starter;
the table gives the status answered and whether the server then closed the connection. The vectors are
the ones ProtocolLayoutIntegrationTests asserts on every transport and layout, and some not yet covered.
"""
import socket, subprocess, time, urllib.request
from pathlib import Path
VECTORS = [
 ("RFC 9112 §3.2", "missing Host", b"GET /plaintext HTTP/1.1\r\n\r\n"),
 ("RFC 9112 §3.2", "two Host fields", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
 ("RFC 9112 §3.2", "empty Host", b"GET /plaintext HTTP/1.1\r\nHost:\r\n\r\n"),
 ("RFC 9110 §4.2.4", "Host with user information", b"GET /plaintext HTTP/1.1\r\nHost: user@example.com\r\n\r\n"),
 ("RFC 9112 §3.2, RFC 3986 §3.2.2", "Host with a path", b"GET /plaintext HTTP/1.1\r\nHost: a/b\r\n\r\n"),
 ("RFC 9112 §2.3", "lower-case HTTP-name", b"GET /plaintext http/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §2.3, RFC 9110 §6.2", "HTTP/1.2", b"GET /plaintext HTTP/1.2\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2", "NUL in the target", b"GET /plain\x00text HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2", "raw byte above 0x7E in the target", b"GET /caf\xe9 HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §5.2", "obsolete line folding", b"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n"),
 ("RFC 9112 §6.3", "Content-Length and Transfer-Encoding", b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1", "malformed chunk", b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\nabc\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1.1", "empty chunk extension", b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;\r\nhello\r\n0\r\n\r\n"),
 ("RFC 9112 §7.1.1", "chunk extension of 5,000 bytes", b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=" + b"a"*5000 + b"\r\nhello\r\n0\r\n\r\n"),
 ("RFC 9112 §3", "request line of 7,900 octets", b"GET /plaintext?q=" + b"a"*7870 + b" HTTP/1.1\r\nHost: a\r\n\r\n"),
 ("RFC 9112 §3.2.4", "OPTIONS *", b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"),
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
