"""Open-model latency and upload memory, side by side and interleaved, for benchmarks/load.sh.

--open-model: latency at 25, 50 and 75 % of plain Boot's saturation, with requests scheduled at intended
times (Poisson arrivals, and separately synchronised bursts) by the Netty client in the benchmarks jar
(io.zokio.benchmarks.OpenModelLoad), each latency measured from its intended send time.

--memory: the buffer pool's peak use while 200 clients each upload 1 MiB to /echo at once, per transport.
"""
import json
import socket
import subprocess
import threading
import time
import urllib.request

from load import (BASELINE, BEFORE, App, cpus, fixed_rate_levels, interleaved, log, machine, median, start_warmed,
                  svg_bars)

OPEN_MODEL_VARIANTS = {
    BASELINE: [],
    "zokio": [],
    "zokio-epoll": ["--zokio.transport.mode=epoll"],
    "zokio-nio": ["--zokio.transport.mode=nio"],
}

MEMORY_VARIANTS = {
    "zokio-io-uring": ["--zokio.transport.mode=io-uring"],
    "zokio-io-uring-no-ring": ["--zokio.transport.mode=io-uring", "--zokio.buffer-pool.ring.enabled=false"],
    "zokio-epoll": ["--zokio.transport.mode=epoll"],
    "zokio-nio": ["--zokio.transport.mode=nio"],
}

IDLE_CONNECTIONS = 2000

PERCENTILES = ("p50_us", "p90_us", "p99_us", "p999_us", "max_us")

LEVELS = (0.25, 0.5, 0.75)

ARRIVALS = {
    "poisson": "requests at exponentially distributed intervals (a Poisson process) at the offered rate",
    "burst": "one request per connection at once, every (connections / rate) seconds",
}

CONNECTIONS = 64


def open_model_run(args, app, rate, arrivals, seconds, warmup=0, connections=CONNECTIONS, path="/plaintext",
                   client_timeout_ms=10000):
    command = ["taskset", "-c", cpus()[1], "java", "-Xms512m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
               str(args.benchmarks_jar),
               "io.zokio.benchmarks.OpenModelLoad", "--port", str(app.port), "--rate", str(rate),
               "--seconds", str(seconds), "--connections", str(connections), "--arrivals", arrivals,
               "--warmup", str(warmup), "--timeout-ms", "10000", "--client-timeout-ms", str(client_timeout_ms),
               "--path", path]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + warmup + 60)
    return json.loads(output.stdout.strip().splitlines()[-1])


def open_model(args):
    apps = {}
    report = {"machine": machine(), "command": "benchmarks/load.sh --open-model", "connections": CONNECTIONS,
              "seconds": args.seconds, "rounds": args.rounds, "arrivals": ARRIVALS,
              "client": "io.zokio.benchmarks.OpenModelLoad: Netty epoll, one event loop that also paces the "
                        "requests, pinned to the load CPU, its JVM compiling with C1 only (C2 compilations on the "
                        "same CPU delayed its pacing by 2 to 4 ms at p99; with C1 only, 0.2 ms)",
              "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        variants = dict(OPEN_MODEL_VARIANTS)
        if args.jar_before:
            variants[BEFORE] = []
        report["transports"] = start_warmed(args, variants, apps)
        for app in apps.values():
            open_model_run(args, app, 1000, "poisson", 2, warmup=3)
        report["saturation"], report["levels"] = fixed_rate_levels(
            apps, args, CONNECTIONS, LEVELS, ARRIVALS, PERCENTILES,
            lambda app, rate, arrival: open_model_run(args, app, rate, arrival, args.seconds, warmup=2))
    finally:
        for app in apps.values():
            app.stop()
    return report


def targets(report):
    """The performance issue's latency targets, each met or missed: Zokio defaults no worse than plain Boot at
    p50, p90, p99 and p99.9 at every level (Poisson arrivals), and p99 at most 500 us at 50 %."""
    rows = []
    for level_name, level in report["levels"].items():
        variants = level["arrivals"]["poisson"]
        for key in PERCENTILES[:-1]:
            boot, zokio = variants[BASELINE]["median"][key], variants["zokio"]["median"][key]
            rows.append((f"{level_name}, Poisson: Zokio {key[:-3]} <= plain Boot's", f"{zokio:,} vs {boot:,} us",
                         zokio <= boot))
    half = report["levels"]["50%"]["arrivals"]["poisson"]["zokio"]["median"]["p99_us"]
    rows.append(("50%, Poisson: Zokio p99 <= 500 us", f"{half:,} us", half <= 500))
    return rows


def write_open_model(report, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "open-model.json").write_text(json.dumps(report, indent=2) + "\n")
    m = report["machine"]
    lines = [f"# Open-model latency: `{report['command']}`", "",
             f"Run {report['started']} on {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}, {m['java']}; servers "
             f"pinned to CPU {m['server_cpu']}, the client to CPU {m['load_cpu']}. Client: {report['client']}; "
             f"HTTP/1.1, {report['connections']} keep-alive connections, `GET /plaintext`; each run first sends 2 s "
             "of the same load unrecorded, so that the client's own JIT has settled. Each latency is measured "
             "from the request's intended send time, so time a request waits for a free connection or for a stalled "
             "server counts. Medians of "
             f"{report['rounds']} interleaved rounds of {report['seconds']}s (the order of the variants alternates). "
             "*Client late* is how late the client itself sent a request after its intended time (its own cost, "
             "included in the latencies).",
             "", "Arrivals:", ""]
    lines += [f"- **{name}**: {text}." for name, text in report["arrivals"].items()]
    lines += ["", f"Saturation (wrk, {report['connections']} connections, median of 3 interleaved rounds):", "",
              "| Variant | Transport | req/s |", "|---|---|---|"]
    for name, rps in report["saturation"].items():
        lines.append(f"| {name} | {report['transports'][name]} | {rps:,.0f} |")
    for level_name, level in report["levels"].items():
        for arrivals, variants in level["arrivals"].items():
            lines += ["", f"{level_name} of plain Boot's saturation ({level['rps']:,} req/s), {arrivals} arrivals:", "",
                      "| Variant | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | client late p99 µs |",
                      "|---|---|---|---|---|---|---|"]
            for name, values in variants.items():
                late = median([run["schedulerLate_p99_us"] for run in values["rounds"]])
                lines.append(f"| {name} | " + " | ".join(f"{values['median'][k]:,}" for k in PERCENTILES)
                             + f" | {late:,} |")
    lines += ["", "Targets (from the performance issue):", "", "| Target | Measured | |", "|---|---|---|"]
    lines += [f"| {target} | {measured} | {'met' if met else '**missed**'} |" for target, measured, met in targets(report)]
    (out / "open-model.md").write_text("\n".join(lines) + "\n")
    for level_name, level in report["levels"].items():
        variants = level["arrivals"]["poisson"]
        svg_bars(f"p99 latency at {level_name} of plain Boot's saturation, Poisson arrivals (lower is better)", "µs",
                 [(name, values["median"]["p99_us"]) for name, values in variants.items()],
                 out / f"open-model-p99-{level_name.rstrip('%')}.svg")
    log(f"open-model results in {out}")


def upload(port, size, outcomes):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(f"POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                      f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode() + bytes(size))
            received = 0
            while chunk := s.recv(65536):
                received += len(chunk)
        outcomes.append(received > size)
    except OSError:
        outcomes.append(False)


def pool_bytes(app):
    """The pool's memory and the part of it live buffers hold, in bytes."""
    with urllib.request.urlopen(f"http://127.0.0.1:{app.port}/actuator/zokio/bufferPool", timeout=5) as response:
        pool = json.load(response)
        return pool["usedBytes"], pool.get("inUseBytes", 0)


def used_bytes(app):
    return pool_bytes(app)[0]


def upload_wave(app, clients=200, size=1024 * 1024):
    """Peak of the pool's memory while clients upload size bytes each at once, polled every 20 ms."""
    outcomes, peak, done = [], list(pool_bytes(app)), threading.Event()

    def poll():
        while not done.is_set():
            try:
                peak[:] = map(max, peak, pool_bytes(app))
            except OSError:
                pass
            time.sleep(0.02)

    poller = threading.Thread(target=poll)
    poller.start()
    threads = [threading.Thread(target=upload, args=(app.port, size, outcomes)) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    done.set()
    poller.join()
    return {"peak_bytes": peak[0], "peak_in_use_bytes": peak[1], "echoed": sum(outcomes), "clients": clients, "seconds": seconds}


def idle_wave(app, count=IDLE_CONNECTIONS):
    """The pool's memory while count keep-alive connections sit idle after one request each."""
    before = used_bytes(app)
    sockets = []
    try:
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", app.port))
            s.sendall(b"GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            sockets.append(s)
        for s in sockets:
            s.recv(4096)
        time.sleep(0.5)
        return {"idle_bytes": used_bytes(app), "before_bytes": before}
    finally:
        for s in sockets:
            s.close()


def memory(args):
    apps = {}
    report = {"machine": machine(), "command": "benchmarks/load.sh --memory", "rounds": args.rounds,
              "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        variants = dict(MEMORY_VARIANTS)
        if args.jar_before:
            variants.update({name.replace("zokio", BEFORE, 1): value for name, value in MEMORY_VARIANTS.items()})
        for name, variant_args in variants.items():
            apps[name] = App(args, name, ["--management.endpoints.web.exposure.include=zokio",
                                          "--zokio.buffer-pool.preallocate=0", *variant_args])
            apps[name].wait_ready()
        report["transports"] = {name: app.transport() for name, app in apps.items()}
        report["idle"] = {name: idle_wave(app) for name, app in apps.items()}
        def wave(round_index, name, app):
            result = upload_wave(app)
            log(f"round {round_index + 1} {name}: peak {result['peak_bytes'] / 2**20:.1f} MiB, "
                f"{result['echoed']} of {result['clients']} echoed")
            return result
        runs = interleaved(apps, args.rounds, wave)
        report["runs"] = runs
        report["median_peak_bytes"] = {name: median([run["peak_bytes"] for run in values]) for name, values in runs.items()}
        report["median_peak_in_use_bytes"] = {name: median([run["peak_in_use_bytes"] for run in values])
                                              for name, values in runs.items()}
    finally:
        for app in apps.values():
            app.stop()
    return report


def write_memory(report, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "memory.json").write_text(json.dumps(report, indent=2) + "\n")
    epoll = report["median_peak_bytes"]["zokio-epoll"]
    epoll_in_use = report["median_peak_in_use_bytes"]["zokio-epoll"]
    lines = [f"# Buffer pool memory: `{report['command']}`", "",
             f"Run {report['started']}, servers pinned to CPU {report['machine']['server_cpu']}, with "
             "`zokio.buffer-pool.preallocate=0` so that the figures show what each transport needs rather than the "
             "reserve. The pool's memory is `usedBytes` of `/actuator/zokio/bufferPool` (the allocator's own figure, "
             "in 4 MiB chunks); *in use* is `inUseBytes`, the part of it that live buffers hold. **Uploads**: 200 clients each POST 1 MiB to `/echo` at once, the pool polled every "
             f"20 ms and the peak taken; medians of {report['rounds']} interleaved rounds. **Idle**: "
             f"{IDLE_CONNECTIONS} keep-alive connections left idle after one request each, on each fresh server "
             "before any upload (the pool keeps the chunks an upload wave took). **Wave**: the median time from the first "
             "client's start to the last one's end. With `--jar-before`, `zokio-before-*` rows are the sample app "
             "of an earlier commit, side by side.", "",
             "| Variant | Transport | uploads: peak MiB | × epoll | peak in use MiB | × epoll | echoed whole | wave: s "
             "| idle: MiB |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, peak in report["median_peak_bytes"].items():
        echoed = min(run["echoed"] for run in report["runs"][name])
        seconds = median([run["seconds"] for run in report["runs"][name]])
        idle = report["idle"][name]["idle_bytes"]
        in_use = report["median_peak_in_use_bytes"][name]
        lines.append(f"| {name} | {report['transports'][name]} | {peak / 2**20:.1f} | {peak / epoll:.2f} | "
                     + (f"{in_use / 2**20:.1f} | {in_use / epoll_in_use:.1f}" if in_use else "not reported | ")
                     + f" | {echoed} of 200 (fewest in a round) | {seconds:.2f} | {idle / 2**20:.1f} |")
    (out / "memory.md").write_text("\n".join(lines) + "\n")
    log(f"memory results in {out}")
