#!/usr/bin/env python3
"""Abort requests: eight threads open a connection, send one GET, wait 0-4 ms and reset it (SO_LINGER 0).

Used to find the buffer WebFlux leaks when a client goes away at the moment its response is written
(docs/compatibility.md, "Known issues"). Run the application with -Dio.netty.leakDetection.level=paranoid,
then: benchmarks/scripts/aborts.py PORT SECONDS [PATH]; force a GC (jcmd PID GC.run) and count "LEAK:" in its log.
"""
import random
import socket
import struct
import sys
import threading
import time


def main():
    port = int(sys.argv[1])
    seconds = float(sys.argv[2])
    path = sys.argv[3] if len(sys.argv) > 3 else "/"
    request = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode()
    end = time.time() + seconds
    counts = []

    def abort():
        count = 0
        while time.time() < end:
            connection = socket.socket()
            try:
                connection.connect(("127.0.0.1", port))
                connection.sendall(request)
                time.sleep(random.random() * 0.004)
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
            finally:
                connection.close()
                count += 1
        counts.append(count)

    threads = [threading.Thread(target=abort) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("aborted connections", sum(counts))


if __name__ == "__main__":
    main()
