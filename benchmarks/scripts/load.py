#!/usr/bin/env python3
"""Load benchmark of the sample app: plain Spring Boot and Zokio variants, side by side.

Plain Spring Boot ("boot") is the sample app repackaged without the Zokio starter and the native transports it
brings, as an application that does not use Zokio runs; "zokio-off" is the Zokio jar with zokio.enabled=false.

Every variant runs as its own JVM, pinned to one CPU, while wrk and h2load run pinned to the other.
Throughput rounds are interleaved (A B C ... A B C ...) so that drift of this machine hits every
variant alike; the report gives medians over rounds and ratios against plain Spring Boot.
"""

import argparse
import json
import os
import random
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LUA = ROOT / "benchmarks" / "scripts" / "percentiles.lua"

BASELINE = "boot"

BEFORE = "zokio-before"

VARIANTS = {
    BASELINE: [],
    "zokio-off": ["--zokio.enabled=false"],
    "zokio": [],
    "zokio-nostats": ["--zokio.stats.enabled=false"],
    "zokio-nio": ["--zokio.transport.mode=nio"],
    "zokio-epoll": ["--zokio.transport.mode=epoll"],
}

COMPARE_ONLY_VARIANTS = {
    "zokio-nowatchdog": ["--zokio.transport.blocked-loop-threshold=0"],
    "zokio-io-uring": ["--zokio.transport.mode=io-uring"],
    "zokio-io-uring-no-ring": ["--zokio.transport.mode=io-uring", "--zokio.buffer-pool.ring.enabled=false"],
    BEFORE: [],
    BEFORE + "-io-uring": ["--zokio.transport.mode=io-uring"],
    BEFORE + "-epoll": ["--zokio.transport.mode=epoll"],
}

LATENCY_VARIANTS = {
    BASELINE: [],
    "zokio": [],
    "zokio-io-uring": ["--zokio.transport.mode=io-uring"],
    "zokio-nio": ["--zokio.transport.mode=nio"],
    "zokio-4-loops": ["--zokio.transport.event-loop-threads=4"],
}

ARRIVALS = {
    "synchronised": "every client's timer fires at once: bursts of as many requests as clients",
    "staggered": "clients start 1 ms apart, so their timers fire at different phases of the period",
}


def log(message):
    print(f"[load] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpus():
    count = os.cpu_count() or 1
    return ("0", "1") if count >= 2 else ("0", "0")


class App:
    """One variant of the sample app in its own JVM, pinned to the server CPU."""

    def __init__(self, jars, name, args, extra=()):
        self.name = name
        self.port = free_port()
        jar = (jars.jar_without_zokio if name == BASELINE
               else jars.jar_before if name.startswith(BEFORE) and jars.jar_before else jars.jar)
        command = ["taskset", "-c", cpus()[0], "java", "-Xms256m", "-Xmx256m", "-jar", str(jar),
                   f"--server.port={self.port}", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                   "--logging.level.root=WARN", "--zokio.connections.max=12000", *args, *extra]
        self.scheme = "https" if any(a.startswith("--server.ssl.key-store=") for a in extra) else "http"
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        self.started = time.monotonic()

    def wait_ready(self, timeout=90, path="/plaintext"):
        """Wait until path answers 200; return the seconds since the JVM started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"{self.name} exited:\n{self.log.read().decode(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.scheme}://127.0.0.1:{self.port}{path}", timeout=1,
                                            context=ssl._create_unverified_context()) as response:
                    if response.status == 200:
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not start in {timeout}s")

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_bytes(self):
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def gc(self):
        subprocess.run(["jcmd", str(self.process.pid), "GC.run"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)

    def heap_used_bytes(self):
        output = subprocess.run(["jcmd", str(self.process.pid), "GC.heap_info"], capture_output=True,
                                text=True, check=False).stdout
        used = re.findall(r"total \d+K, used (\d+)K", output)
        if not used:
            raise RuntimeError(f"no heap figures in:\n{output}")
        return sum(int(kilobytes) for kilobytes in used) * 1024

    def transport(self):
        """The transport the server's event loops run on, from their thread names."""
        threads = subprocess.run(["jcmd", str(self.process.pid), "Thread.print"], capture_output=True, text=True,
                                 check=False).stdout
        match = re.search(r'"(?:zokio|reactor)-http-(\w+)-\d+"', threads)
        return match.group(1) if match else "unknown"

    def report(self):
        with urllib.request.urlopen(f"{self.scheme}://127.0.0.1:{self.port}/actuator/zokio", timeout=5,
                                    context=ssl._create_unverified_context()) as response:
            return json.load(response)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def wrk(port, seconds, connections, path="/plaintext", scheme="http", headers=()):
    threads = 1 if connections < 1000 else 2
    header_args = [argument for header in headers for argument in ("-H", header)]
    output = subprocess.run(["taskset", "-c", cpus()[1], "wrk", "-t", str(threads), "-c", str(connections),
                             "-d", f"{seconds}s", "--timeout", "5s", "-s", str(LUA), *header_args,
                             f"{scheme}://127.0.0.1:{port}{path}"],
                            capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    match = re.search(r"WRK_JSON (\{.*\})", output)
    if not match:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def measure(app, seconds, connections):
    cpu_before = app.cpu_seconds()
    result = wrk(app.port, seconds, connections)
    cpu = app.cpu_seconds() - cpu_before
    result["cpu_s_per_100k"] = cpu / max(result["requests"], 1) * 100_000
    result["rss_bytes"] = app.rss_bytes()
    return result


def h2load(port, seconds, clients=16, streams=10, rps=None, log_file=None, scheme="http", warmup=False,
           staggered=False):
    """One h2load run. Against a server whose JIT is still cold, h2load can stop its clients at the end of the
    duration and then wait for its streams for ever (seen over TLS against plain Boot and Zokio alike); a
    warm-up run is therefore abandoned after a timeout, and a measured run fails instead of hanging.

    With rps, each client sends rps HTTP/1.1 requests a second. h2load starts every client's timer at once,
    so their requests arrive together; staggered starts the clients 1 ms apart (h2load's rate mode, which
    takes a request count instead of a duration)."""
    length = ["-n", str(rps * clients * seconds), "-r", "1", "--rate-period=1ms"] if staggered else ["-D", str(seconds)]
    command = ["taskset", "-c", cpus()[1], "h2load", "-c", str(clients), "-m", str(streams), *length,
               f"{scheme}://127.0.0.1:{port}/plaintext"]
    if rps is not None:
        command[command.index("-m"):command.index("-m") + 2] = ["--h1", "--rps", str(rps)]
    if log_file is not None:
        command.insert(-1, f"--log-file={log_file}")
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    except subprocess.TimeoutExpired:
        if warmup:
            log(f"warm-up h2load to port {port} did not exit {seconds + 30}s after its {seconds}s; going on")
            return None
        raise
    done = re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", output)
    succeeded = re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed", output)
    if not done or not succeeded:
        raise RuntimeError(f"h2load printed no result:\n{output}")
    return {"rps": float(done.group(1)), "succeeded": int(succeeded.group(1)), "failed": int(succeeded.group(2))}


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def sequential_latencies_us(port, count):
    """Latency of each of count requests sent one after another on one keep-alive connection."""
    request = b"GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    latencies = []
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        reader = s.makefile("rb")
        for _ in range(count):
            start = time.perf_counter_ns()
            s.sendall(request)
            length = 0
            while True:
                line = reader.readline()
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b""):
                    break
            reader.read(length)
            latencies.append((time.perf_counter_ns() - start) / 1000)
    return latencies


def idle_connection_bytes(app, count):
    """Heap retained per keep-alive connection left idle after one request, measured after full GCs (every
    generation counted: a JVM pinned to one CPU runs the serial collector)."""
    app.gc()
    app.gc()
    before = app.heap_used_bytes()
    sockets = []
    request = b"GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", app.port))
        s.sendall(request)
        sockets.append(s)
    for s in sockets:
        s.recv(4096)
    app.gc()
    app.gc()
    after = app.heap_used_bytes()
    for s in sockets:
        s.close()
    return (after - before) / count


def median(values):
    return statistics.median(values) if values else None


def interleaved(apps, rounds, run):
    """Call run(name, app) for every app once a round, rounds times, the order of the variants alternating from
    round to round (A B C, then C B A), so that drift of the machine and a variant's place hit every one alike."""
    results = {name: [] for name in apps}
    for round_index in range(rounds):
        order = list(apps.items()) if round_index % 2 == 0 else list(reversed(apps.items()))
        for name, app in order:
            results[name].append(run(round_index, name, app))
    return results


def throughput_rounds(apps, rounds, seconds, connections):
    def run(round_index, name, app):
        result = measure(app, seconds, connections)
        log(f"round {round_index + 1} {name}: {result['rps']:.0f} req/s, p99 {result['p99_us']} us")
        return result
    return interleaved(apps, rounds, run)


def summarize(results, baseline=BASELINE):
    summary = {}
    for name, runs in results.items():
        summary[name] = {key: median([run[key] for run in runs])
                         for key in ("rps", "p50_us", "p99_us", "p999_us", "cpu_s_per_100k", "rss_bytes", "errors")}
    base = summary.get(baseline)
    if base:
        for name, values in summary.items():
            values["rps_ratio"] = values["rps"] / base["rps"]
            values["p99_ratio"] = values["p99_us"] / base["p99_us"] if base["p99_us"] else None
            values["rps_ratio_paired"] = paired_ratio(results[name], results[baseline])
    return summary


def round_ratios(runs, baseline_runs):
    return [run["rps"] / base["rps"] for run, base in zip(runs, baseline_runs)]


def paired_ratio(runs, baseline_runs):
    """Median of the per-round ratios: each round's two measurements ran next to each other, so drift of the
    machine that spans rounds cancels out."""
    return median(round_ratios(runs, baseline_runs))


def paired_interval(runs, baseline_runs, resamples=5000):
    """A 90% bootstrap interval of the median per-round ratio (fixed seed: the same data give the same interval)."""
    ratios = round_ratios(runs, baseline_runs)
    generator = random.Random(7)
    medians = sorted(median(generator.choices(ratios, k=len(ratios))) for _ in range(resamples))
    return [medians[int(0.05 * resamples)], medians[int(0.95 * resamples) - 1]]


def svg_bars(title, unit, bars, path):
    width, bar_height, left = 640, 28, 170
    height = 50 + bar_height * len(bars)
    top = max(value for _, value in bars) or 1
    rows = [f'<text x="10" y="24" font-size="15" font-weight="bold">{title}</text>']
    for i, (label, value) in enumerate(bars):
        y = 40 + i * bar_height
        length = (width - left - 90) * value / top
        rows.append(f'<text x="10" y="{y + 17}" font-size="12">{label}</text>')
        rows.append(f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="{bar_height - 8}" fill="#3b7dd8"/>')
        rows.append(f'<text x="{left + length + 6:.1f}" y="{y + 17}" font-size="12">{value:,.1f} {unit}</text>')
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                    f'font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>{"".join(rows)}</svg>\n')


def start_warmed(args, variants, apps):
    """Start every variant into apps (so that the caller stops them whatever happens), wait until all
    serve, warm each up with wrk, and return the transport each runs on."""
    for name, variant_args in variants.items():
        apps[name] = App(args, name, variant_args)
    for app in apps.values():
        app.wait_ready()
    transports = {name: app.transport() for name, app in apps.items()}
    log(f"warming up {len(apps)} variants ({args.warmup}s each)")
    for app in apps.values():
        wrk(app.port, args.warmup, 64)
    return transports


def full(args, out):
    apps = {}
    report = {"machine": machine(), "command": "benchmarks/load.sh", "started": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                                          time.gmtime())}
    try:
        report["transports"] = start_warmed(args, VARIANTS, apps)
        log("and one round that is not counted")
        for app in apps.values():
            wrk(app.port, args.seconds, 64)
        results = throughput_rounds(apps, args.rounds, args.seconds, 64)
        report["throughput"] = {"connections": 64, "seconds": args.seconds, "rounds": args.rounds,
                                "runs": results, "median": summarize(results),
                                "pairs": {f"zokio / {other}": {
                                    "median": paired_ratio(results["zokio"], results[other]),
                                    "interval90": paired_interval(results["zokio"], results[other])}
                                    for other in (BASELINE, "zokio-off", "zokio-nostats")}}
        pool = apps["zokio"].report().get("bufferPool", {})
        report["bufferPoolAfterLoad"] = pool
        report["scaling"] = {}
        for name in (BASELINE, "zokio"):
            report["scaling"][name] = {"idleConnectionBytes": idle_connection_bytes(apps[name], 2000)}
            log(f"{name}: {report['scaling'][name]['idleConnectionBytes']:.0f} bytes of heap per idle connection")
            for connections in (100, 1000, 10000):
                result = measure(apps[name], 4, connections)
                report["scaling"][name][connections] = result
                log(f"{connections} connections {name}: {result['rps']:.0f} req/s, errors {result['errors']}")
        report["footprint"] = json.loads(subprocess.run(
            ["java", "-cp", str(args.benchmarks_jar), "io.zokio.benchmarks.Footprint"],
            capture_output=True, text=True, check=True).stdout)
    finally:
        for app in apps.values():
            app.stop()
    report["coldStart"] = cold_start(args)
    report["h2c"] = h2c(args)
    report["tls"] = tls(args, args.rounds, args.seconds, 10)
    write(report, out)
    write_latency(latency(args), out)


def fixed_rate(app, seconds, rate, clients, arrivals):
    """Percentiles of every request's latency, as h2load logs it, at a fixed total rate."""
    with tempfile.TemporaryDirectory() as tmp:
        log_file = Path(tmp) / "h2load.log"
        h2load(app.port, seconds, clients=clients, rps=max(1, rate // clients), log_file=log_file,
               staggered=arrivals == "staggered")
        latencies = [int(line.split("\t")[2]) for line in log_file.read_text().splitlines() if line.strip()]
    return {"requests": len(latencies), "p50_us": percentile(latencies, 50), "p99_us": percentile(latencies, 99),
            "p999_us": percentile(latencies, 99.9)}


def fixed_rate_levels(apps, args, connections, fractions, arrivals, keys, run):
    """Each variant's saturation (wrk, median of 3 interleaved rounds), then run(app, rate, arrival) at each fraction
    of plain Boot's saturation for every arrival pattern, in interleaved rounds, with the median of each key.
    Returns the saturation and the levels."""
    saturation = {name: median([result["rps"] for result in results])
                  for name, results in throughput_rounds(apps, 3, args.seconds, connections).items()}
    levels = {}
    for fraction in fractions:
        rate = int(saturation[BASELINE] * fraction)
        level = levels[f"{fraction:.0%}"] = {"rps": rate, "arrivals": {}}
        for arrival in arrivals:
            runs = interleaved(apps, args.rounds, lambda _, name, app: run(app, rate, arrival))
            level["arrivals"][arrival] = {name: {
                "median": {key: median([result[key] for result in values]) for key in keys},
                "rounds": values} for name, values in runs.items()}
            for name, values in level["arrivals"][arrival].items():
                log(f"{fraction:.0%} {arrival} {name}: " + " ".join(f"{key[:-3]} {values['median'][key]}" for key in keys)
                    + " us")
    return saturation, levels


def latency(args, clients=16, fractions=(0.25, 0.5)):
    """Latency at fixed fractions of plain Boot's saturation throughput, per transport and loop count, with
    requests arriving in bursts and spread out; rounds interleave the variants in alternating order."""
    apps = {}
    report = {"machine": machine(), "command": "benchmarks/load.sh --latency", "clients": clients,
              "seconds": args.seconds, "rounds": args.rounds, "arrivals": ARRIVALS,
              "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        report["transports"] = start_warmed(args, LATENCY_VARIANTS, apps)
        report["saturation"], report["levels"] = fixed_rate_levels(
            apps, args, 64, fractions, ARRIVALS, ("p50_us", "p99_us", "p999_us"),
            lambda app, rate, arrivals: fixed_rate(app, args.seconds, rate, clients, arrivals))
    finally:
        for app in apps.values():
            app.stop()
    return report


def write_latency(report, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "latency.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [f"# Latency at a fixed rate: `{report['command']}`", "",
             f"Run {report['started']} on {report['machine']['cpu']}, {report['machine']['cores']} cores, Linux "
             f"{report['machine']['kernel']}, {report['machine']['java']}; servers pinned to CPU "
             f"{report['machine']['server_cpu']}, h2load to CPU {report['machine']['load_cpu']}. h2load, HTTP/1.1, "
             f"{report['clients']} keep-alive connections, `GET /plaintext`; medians of {report['rounds']} "
             f"interleaved rounds of {report['seconds']}s (the order of the variants alternates from round to "
             "round), each round's percentiles taken over every request h2load logged.", "",
             "Arrivals:", ""]
    lines += [f"- **{name}**: {text}." for name, text in report["arrivals"].items()]
    lines += ["", "Saturation (wrk, 64 connections, median of 3 interleaved rounds):", "",
              "| Variant | Transport | req/s |", "|---|---|---|"]
    for name, rps in report["saturation"].items():
        lines.append(f"| {name} | {report['transports'][name]} | {rps:,.0f} |")
    for level_name, level in report["levels"].items():
        for arrivals, variants in level["arrivals"].items():
            lines += ["", f"{level_name} of plain Boot's saturation ({level['rps']:,} req/s), {arrivals} arrivals:", "",
                      "| Variant | p50 µs | p99 µs | p99.9 µs |", "|---|---|---|---|"]
            for name, values in variants.items():
                m = values["median"]
                lines.append(f"| {name} | {m['p50_us']:,} | {m['p99_us']:,} | {m['p999_us']:,} |")
    (out / "latency.md").write_text("\n".join(lines) + "\n")
    log(f"latency results in {out}")


def compare(args, names):
    apps = {}
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    try:
        variants = VARIANTS | COMPARE_ONLY_VARIANTS
        transports = start_warmed(args, {name: variants[name] for name in names}, apps)
        for app in apps.values():
            wrk(app.port, args.seconds, 64)
        results = throughput_rounds(apps, args.rounds, args.seconds, 64)
        median_results = summarize(results, baseline=names[0])
        for name in apps:
            median_results[name]["transport"] = transports[name]
            median_results[name]["rps_ratio_interval90"] = paired_interval(results[name], results[names[0]])
        comparison = {"machine": machine(), "command": " ".join(["benchmarks/scripts/load.py", *sys.argv[1:]]),
                      "started": started, "rounds": args.rounds, "seconds": args.seconds, "warmup": args.warmup,
                      "runs": results, "median": median_results}
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"comparison-{'-vs-'.join(reversed(names))}.json"
        path.write_text(json.dumps(comparison, indent=2) + "\n")
        print(json.dumps(median_results, indent=2))
        log(f"results in {path}")
    finally:
        for app in apps.values():
            app.stop()
    return 0


def profiler_library(benchmarks_jar, directory):
    """async-profiler's native library for this platform, taken from the benchmarks jar, which bundles it."""
    platform = {"x86_64": "linux-x64", "aarch64": "linux-arm64"}.get(os.uname().machine)
    if platform is None:
        raise RuntimeError(f"async-profiler has no library for {os.uname().machine}")
    with zipfile.ZipFile(benchmarks_jar) as jar:
        return Path(jar.extract(f"{platform}/libasyncProfiler.so", directory))


def profiler(app, library, command):
    subprocess.run(["jcmd", str(app.process.pid), "JVMTI.agent_load", str(library), f'"{command}"'],
                   capture_output=True, check=True)


def engine_share(collapsed):
    """CPU samples whose deepest engine frame does its own work rather than hand the message on down the
    pipeline (the work of the handlers after it is not the engine's)."""
    total, own = 0, {}
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames, count = stack.split(";"), int(count)
        total += count
        engine = [i for i, frame in enumerate(frames)
                  if frame.startswith("io/zokio/") and not frame.startswith("io/zokio/sample/")]
        if not engine:
            continue
        callee = frames[engine[-1] + 1] if engine[-1] + 1 < len(frames) else ""
        if not callee.startswith("io/netty/channel/AbstractChannelHandlerContext"):
            own[frames[engine[-1]]] = own.get(frames[engine[-1]], 0) + count
    return total, own


def profile(args, names):
    """async-profiler CPU samples under load, per variant: a flame graph and the engine's own share."""
    out = ROOT / "benchmarks" / "target" / "profiles"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        library = profiler_library(args.benchmarks_jar, tmp)
        for name in names:
            app = App(args, name, VARIANTS[name])
            collapsed, flame_graph = out / f"{name}.collapsed", out / f"{name}.html"
            try:
                app.wait_ready()
                wrk(app.port, args.warmup, 64)
                profiler(app, library, "start,event=cpu,interval=500us")
                result = wrk(app.port, args.seconds, 64)
                profiler(app, library, f"dump,file={collapsed},collapsed")
                profiler(app, library, f"stop,file={flame_graph}")
            finally:
                app.stop()
            total, own = engine_share(collapsed)
            log(f"{name}: {result['rps']:.0f} req/s, {total} samples, {100 * sum(own.values()) / max(total, 1):.2f}% "
                f"in the engine's own code; flame graph {flame_graph}")
            for frame, count in sorted(own.items(), key=lambda item: -item[1])[:10]:
                log(f"  {100 * count / total:5.2f}%  {frame}")
    return 0


def cold_start(args):
    results = {}
    for name, extra in (("zokio", []), ("zokio-no-preallocation", ["--zokio.buffer-pool.preallocate=0"])):
        app = App(args, name, extra)
        try:
            app.wait_ready()
            first = sequential_latencies_us(app.port, 1000)
            wrk(app.port, 20, 64)
            steady = sequential_latencies_us(app.port, 1000)
            results[name] = {"first1000_p99_us": percentile(first, 99), "steady_p99_us": percentile(steady, 99),
                             "ratio": percentile(first, 99) / percentile(steady, 99)}
            log(f"cold start {name}: first 1000 p99 {results[name]['first1000_p99_us']:.0f} us, "
                f"steady p99 {results[name]['steady_p99_us']:.0f} us")
        finally:
            app.stop()
    return results


def h2c(args):
    results = {}
    apps = {name: App(args, name, VARIANTS[name], ["--server.http2.enabled=true"])
            for name in (BASELINE, "zokio")}
    try:
        for app in apps.values():
            app.wait_ready()
        for app in apps.values():
            h2load(app.port, 20, warmup=True)
        for name, app in apps.items():
            results[name] = h2load(app.port, args.seconds)
            log(f"h2c {name}: {results[name]['rps']:.0f} req/s")
    finally:
        for app in apps.values():
            app.stop()
    return results


def keystore():
    """A self-signed PKCS12 key store for 127.0.0.1, made with the JDK's keytool."""
    path = Path(tempfile.mkdtemp(prefix="zokio-tls-")) / "server.p12"
    subprocess.run(["keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", str(path), "-storepass", "changeit", "-keypass", "changeit"],
                   check=True, capture_output=True)
    return ["--server.ssl.key-store=file:" + str(path), "--server.ssl.key-store-password=changeit",
            "--server.ssl.key-store-type=PKCS12", "--server.http2.enabled=true"]


TLS_VARIANTS = {
    BASELINE: [],
    "zokio-openssl": ["--zokio.tls.provider=openssl", "--zokio.tls.require-native=true"],
    "zokio-jdk": ["--zokio.tls.provider=jdk"],
}

TLS_PAIRS = (("zokio-openssl", BASELINE), ("zokio-jdk", BASELINE), ("zokio-openssl", "zokio-jdk"))

TLS_LOADS = {
    "http1": "HTTP/1.1 keep-alive requests (wrk, 64 connections)",
    "resumed": "a new connection per request (wrk, 16 connections, Connection: close): wrk resumes its TLS "
               "sessions, so nearly every handshake is a resumed one",
    "handshakes": "a full handshake per request (4 openssl s_time -new clients, each GET /plaintext over "
                  "HTTP/1.0): no session is resumed",
    "h2": "h2 chosen by ALPN (h2load, 16 connections x 10 streams)",
}


def s_time(port, seconds, clients=4):
    """Full TLS handshakes a second: clients of openssl s_time, each connecting anew for every request and
    never resuming a session, run side by side."""
    command = ["taskset", "-c", cpus()[1], "openssl", "s_time", "-connect", f"127.0.0.1:{port}", "-new",
               "-time", str(seconds), "-www", "/plaintext"]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for _ in range(clients)]
    connections = 0
    for process in processes:
        output = process.communicate(timeout=seconds + 30)[0]
        match = re.search(r"(\d+) connections in [\d.]+s", output)
        if not match:
            raise RuntimeError(f"openssl s_time printed no result:\n{output}")
        connections += int(match.group(1))
    return {"requests": connections, "rps": connections / seconds}


def tls(args, rounds, seconds, warmup):
    """Over TLS, plain Spring Boot (the JDK's TLS: its jar has no netty-tcnative) against Zokio with
    native OpenSSL and Zokio with the JDK's TLS, under each of TLS_LOADS; rounds interleave the variants in
    alternating order, and each load's CPU time per request is read from /proc."""
    tls_args = keystore()
    apps = {name: App(args, name, variant, tls_args) for name, variant in TLS_VARIANTS.items()}
    runs = {load: {name: [] for name in apps} for load in TLS_LOADS}
    providers = {}
    try:
        for app in apps.values():
            app.wait_ready()
        for name, app in apps.items():
            if name != BASELINE:
                providers[name] = app.report()["tls"]["provider"]
        for app in apps.values():
            wrk(app.port, warmup, 64, scheme="https")
            wrk(app.port, max(warmup // 2, 1), 16, scheme="https", headers=["Connection: close"])
            s_time(app.port, max(warmup // 2, 1))
            h2load(app.port, warmup, scheme="https", warmup=True)
        for round_index in range(rounds):
            order = list(apps) if round_index % 2 == 0 else list(reversed(apps))
            for name in order:
                app = apps[name]
                for load in TLS_LOADS:
                    cpu_before = app.cpu_seconds()
                    if load == "h2":
                        result = h2load(app.port, seconds, scheme="https")
                        if result["failed"]:
                            raise RuntimeError(f"h2 over TLS to {name}: {result['failed']} requests failed")
                        requests = result["succeeded"]
                    elif load == "handshakes":
                        result = s_time(app.port, seconds)
                        requests = result["requests"]
                    else:
                        result = wrk(app.port, seconds, 64 if load == "http1" else 16, scheme="https",
                                     headers=["Connection: close"] if load == "resumed" else [])
                        requests = result["requests"]
                    result["cpu_us_per_request"] = (app.cpu_seconds() - cpu_before) / max(requests, 1) * 1e6
                    runs[load][name].append(result)
                log(f"round {round_index + 1} {name}: " + ", ".join(
                    f"{load} {runs[load][name][-1]['rps']:.0f}/s" for load in TLS_LOADS))
        handshakes = {name: app.report()["tls"]["handshakes"] for name, app in apps.items() if name != BASELINE}
    finally:
        for app in apps.values():
            app.stop()
    results = {"providers": providers, "handshakes": handshakes, "loads": {}}
    for load, load_runs in runs.items():
        summary = {name: {key: median([run[key] for run in values])
                          for key in ("rps", "cpu_us_per_request", "p50_us", "p99_us", "p999_us")
                          if key in values[0]} for name, values in load_runs.items()}
        pairs = {f"{a} / {b}": {"median": paired_ratio(load_runs[a], load_runs[b]),
                                "interval90": paired_interval(load_runs[a], load_runs[b])} for a, b in TLS_PAIRS}
        results["loads"][load] = {"median": summary, "pairs": pairs,
                                  "rounds": {name: [run["rps"] for run in values]
                                             for name, values in load_runs.items()}}
        log(f"{load} over TLS: " + ", ".join(f"{name} {v['rps']:.0f}/s" for name, v in summary.items()) + "; "
            + ", ".join(f"{pair} {v['median']:.3f} ({v['interval90'][0]:.3f} to {v['interval90'][1]:.3f})"
                        for pair, v in pairs.items()))
    return results


def tls_markdown(results, rounds, seconds):
    """The TLS comparison as the tables of docs/benchmarks/tls.md."""
    lines = [f"Medians of {rounds} interleaved rounds of {seconds}s per load; the server's CPU time per request "
             "from /proc. Implementations: " + ", ".join(f"{name} serves with {provider}"
                                                         for name, provider in results["providers"].items()) + ".",
             ""]
    for load, description in TLS_LOADS.items():
        v = results["loads"][load]
        lines += [f"### {description}", "", "| Variant | req/s | CPU µs / request | p50 µs | p99 µs | p99.9 µs |",
                  "|---|---|---|---|---|---|"]
        for name, m in v["median"].items():
            cells = [f"{m[key]:,}" if key in m else "n/a" for key in ("p50_us", "p99_us", "p999_us")]
            lines.append(f"| {name} | {m['rps']:,.0f} | {m['cpu_us_per_request']:,.1f} | {' | '.join(cells)} |")
        lines += ["", "| Pair | paired req/s ratio | 90% interval |", "|---|---|---|"]
        for pair, ratio in v["pairs"].items():
            lines.append(f"| {pair} | {ratio['median']:.3f}× | {ratio['interval90'][0]:.3f}× to "
                         f"{ratio['interval90'][1]:.3f}× |")
        lines.append("")
    lines += ["Handshakes the Zokio variants counted over the whole run (`/actuator/zokio/tls`):", "",
              "| Variant | completed | resumed | failed | p50 ms | p99 ms |", "|---|---|---|---|---|---|"]
    for name, h in results["handshakes"].items():
        lines.append(f"| {name} | {h['completed']:,} | {h['resumed']:,} | {h['failed']:,} | {h['latency']['p50']} | "
                     f"{h['latency']['p99']} |")
    return "\n".join(lines) + "\n"


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": os.uname().release, "java": java,
            "server_cpu": cpus()[0], "load_cpu": cpus()[1]}


def write(report, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    median_results = report["throughput"]["median"]
    with (out / "results.csv").open("w") as csv:
        csv.write("variant,transport,rps,rps_ratio,rps_ratio_paired,p50_us,p99_us,p999_us,cpu_s_per_100k,rss_bytes\n")
        for name, values in median_results.items():
            csv.write(f"{name},{report['transports'][name]},{values['rps']:.0f},{values['rps_ratio']:.3f},"
                      f"{values['rps_ratio_paired']:.3f},"
                      f"{values['p50_us']},{values['p99_us']},{values['p999_us']},{values['cpu_s_per_100k']:.3f},"
                      f"{values['rss_bytes']}\n")
    svg_bars("Throughput, median of interleaved rounds (wrk, 64 connections)", "req/s",
             [(name, values["rps"]) for name, values in median_results.items()], out / "throughput.svg")
    svg_bars("p99 latency, median of rounds (wrk, 64 connections)", "us",
             [(name, values["p99_us"]) for name, values in median_results.items()], out / "latency-p99.svg")
    svg_bars("Throughput by concurrent keep-alive connections", "req/s",
             [(f"{name} {connections}", result["rps"]) for name, runs in report["scaling"].items()
              for connections, result in runs.items() if connections != "idleConnectionBytes"],
             out / "scaling.svg")
    markdown(report, out / "results.md")
    log(f"results in {out}")


def markdown(report, path):
    """The results as tables, regenerated from results.json by `load.py --report`."""
    m = report["throughput"]["median"]
    lines = [f"# Results of `{report['command']}`", "",
             f"Run {report['started']} on {report['machine']['cpu']}, {report['machine']['cores']} cores, Linux "
             f"{report['machine']['kernel']}, {report['machine']['java']}; servers pinned to CPU "
             f"{report['machine']['server_cpu']}, wrk and h2load to CPU {report['machine']['load_cpu']}. Medians of "
             f"{report['throughput']['rounds']} interleaved rounds of {report['throughput']['seconds']}s, "
             f"{report['throughput']['connections']} keep-alive connections, `GET /plaintext`.", "",
             "| Variant | Transport | req/s | vs boot | paired rounds | p50 µs | p99 µs | p99.9 µs | CPU s / 100k req | RSS MB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, v in m.items():
        lines.append(f"| {name} | {report['transports'][name]} | {v['rps']:,.0f} | {v['rps_ratio']:.3f}× | {v['rps_ratio_paired']:.3f}× | "
                     f"{v['p50_us']:,} | {v['p99_us']:,} | {v['p999_us']:,} | {v['cpu_s_per_100k']:.2f} | "
                     f"{v['rss_bytes'] / 1e6:.0f} |")
    lines += ["", "Paired ratios (median over rounds of the ratio of two measurements taken next to each other; the "
              "order of the variants alternates from round to round), with a 90% bootstrap interval of that "
              "median:", "", "| Pair | req/s ratio | 90% interval |", "|---|---|---|"]
    for pair, ratio in report["throughput"].get("pairs", {}).items():
        low, high = ratio["interval90"]
        lines.append(f"| {pair} | {ratio['median']:.3f}× | {low:.3f}× to {high:.3f}× |")
    lines += ["", "Latency at fixed rates, per transport and loop count: [latency.md](latency.md)."]
    lines += ["", "Concurrent keep-alive connections (wrk, 4s each):", "",
              "| Variant | 100 | 1,000 | 10,000 | heap per idle connection |", "|---|---|---|---|---|"]
    for name, runs in report["scaling"].items():
        cells = [f"{runs[c]['rps']:,.0f} req/s ({runs[c]['errors']} errors)"
                 for c in (100, 1000, 10000) if c in runs] or [
            f"{runs[str(c)]['rps']:,.0f} req/s ({runs[str(c)]['errors']} errors)" for c in (100, 1000, 10000)]
        lines.append(f"| {name} | {' | '.join(cells)} | {runs['idleConnectionBytes']:,.0f} bytes |")
    lines += ["", "Cold start (one keep-alive connection, requests one after another):", "",
              "| Variant | first 1,000 requests p99 µs | after warm-up p99 µs | ratio |", "|---|---|---|---|"]
    for name, v in report["coldStart"].items():
        lines.append(f"| {name} | {v['first1000_p99_us']:,.0f} | {v['steady_p99_us']:,.0f} | {v['ratio']:.1f}× |")
    lines += ["", "h2c (h2load, prior knowledge, 16 connections × 10 streams):", "", "| Variant | req/s |", "|---|---|"]
    for name, v in report["h2c"].items():
        lines.append(f"| {name} | {v['rps']:,.0f} |")
    if "loads" in report.get("tls", {}):
        lines += ["", "Over TLS (self-signed EC P-256 certificate, HTTP/2 on so ALPN chooses):", "",
                  tls_markdown(report["tls"], report["throughput"]["rounds"], report["throughput"]["seconds"])]
    lines += ["", f"Statistics bookkeeping, whatever the number of connections: "
              f"{report['footprint']['statisticsBytes']:,} bytes. Buffer pool after the load: "
              f"{report['bufferPoolAfterLoad'].get('chunks')} chunks, {report['bufferPoolAfterLoad'].get('usedBytes'):,} "
              f"bytes used of {report['bufferPoolAfterLoad'].get('preallocatedBytes'):,} pre-allocated.", ""]
    path.write_text("\n".join(lines))


def smoke(args):
    app = App(args, "zokio", [])
    try:
        startup = app.wait_ready()
        result = measure(app, 2, 16)
        h2 = h2load(app.port, 1, clients=4, rps=50)
        import open_model
        opened = open_model.open_model_run(args, app, 200, "poisson", 1)
        report = app.report()
    finally:
        app.stop()
    if result["requests"] == 0 or result["errors"] or h2["succeeded"] == 0 or h2["failed"]:
        log(f"smoke failed: wrk {result}, h2load {h2}")
        return 1
    if opened["answered"] == 0 or opened["failed"] or opened["unfinished"] or opened["2xx"] != opened["answered"]:
        log(f"smoke failed: open-model client {opened}")
        return 1
    requests = report["requests"]["total"]
    log(f"smoke: started in {startup:.1f}s, wrk {result['rps']:.0f} req/s p99 {result['p99_us']} us, "
        f"h2load {h2['succeeded']} requests, server counted {requests}")
    if requests < result["requests"] + h2["succeeded"] + opened["answered"]:
        log("smoke failed: the server counted fewer requests than were answered")
        return 1
    over_tls = tls(args, 1, 2, 3)
    if over_tls["providers"] != {"zokio-openssl": "openssl", "zokio-jdk": "jdk"} or not all(
            m["rps"] > 0 for v in over_tls["loads"].values() for m in v["median"].values()):
        log(f"smoke failed over TLS: {over_tls}")
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jar", type=Path, required=True)
    parser.add_argument("--jar-without-zokio", type=Path, help="the sample app without the Zokio starter "
                        "(default: zokio-sample-app-without-zokio.jar next to --jar)")
    parser.add_argument("--jar-before", type=Path, help="the sample app built from an earlier commit, served as the "
                        "zokio-before variant (zokio-before-io-uring on io_uring), to compare a change side by side "
                        "with what it changes")
    parser.add_argument("--benchmarks-jar", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true", help="a few seconds, for CI")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=25)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks")
    parser.add_argument("--variants", help="comma-separated variants for a throughput-only comparison, or, with "
                        "--cold-start, the cold-start variants to run")
    parser.add_argument("--profile", help="comma-separated variants to profile with async-profiler under load")
    parser.add_argument("--tls", action="store_true", help="only the TLS comparison (plain Boot, Zokio with "
                        "OpenSSL, Zokio with the JDK: keep-alive HTTP/1.1, handshakes, h2), into tls.md and tls.json")
    parser.add_argument("--latency", action="store_true", help="only latency at fixed rates, per transport and "
                        "loop count, into latency.md and latency.json")
    parser.add_argument("--open-model", action="store_true", help="only open-model latency (intended send times, "
                        "Poisson and burst arrivals) at 25, 50 and 75%% of plain Boot's saturation, per transport, into "
                        "open-model.md and open-model.json")
    parser.add_argument("--memory", action="store_true", help="only the buffer pool's peak while 200 clients upload "
                        "1 MiB each, per transport, into memory.md and memory.json")
    parser.add_argument("--overload", action="store_true", help="only goodput and latency at 0.5 to 3 times plain "
                        "Boot's saturation, open-model over 512 connections, on /plaintext and /pool, for plain Boot, "
                        "Zokio defaults and each overload limit, into overload.md and overload.json")
    parser.add_argument("--routes", help="with --overload, the routes to load, comma-separated (default: /plaintext "
                        "and /pool?ms=2)")
    parser.add_argument("--shed-cost", action="store_true", help="only what a shed request costs against a served "
                        "one on /plaintext (Zokio answering every request 503 beside Zokio and plain Boot serving them), "
                        "into shed-cost.md and shed-cost.json")
    parser.add_argument("--cold-start", action="store_true", help="only the first 1,000 requests after readiness "
                        "against steady state, per variant (plain Boot, Zokio without and with warm-up, JDK 25 with "
                        "and without a trained AOT cache), pinned and unpinned, into cold-start.md and cold-start.json")
    parser.add_argument("--http3", action="store_true", help="only HTTP/3 against HTTP/2 over TLS on one Zokio server, "
                        "with the same client: saturation and open-model latency at fixed rates, into http3.md and "
                        "http3.json")
    parser.add_argument("--report", action="store_true", help="rewrite results.md and plots from results.json")
    args = parser.parse_args()
    args.jar_without_zokio = args.jar_without_zokio or args.jar.with_name(f"{args.jar.stem}-without-zokio.jar")
    for tool in ("wrk", "h2load", "openssl", "taskset", "java"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is required")
    if args.smoke:
        sys.exit(smoke(args))
    if args.report:
        write(json.loads((args.out / "results.json").read_text()), args.out)
        sys.exit(0)
    if args.profile:
        sys.exit(profile(args, args.profile.split(",")))
    if args.cold_start:
        import cold_start
        cold_start.write_cold_start(cold_start.cold_start(args), args.out)
        sys.exit(0)
    if args.variants:
        sys.exit(compare(args, args.variants.split(",")))
    if args.latency:
        write_latency(latency(args), args.out)
        sys.exit(0)
    if args.open_model:
        import open_model
        open_model.write_open_model(open_model.open_model(args), args.out)
        sys.exit(0)
    if args.overload:
        import overload
        overload.write_overload(overload.overload(args), args.out)
        sys.exit(0)
    if args.shed_cost:
        import overload
        overload.write_shed_cost(overload.shed_cost(args), args.out)
        sys.exit(0)
    if args.http3:
        import http3
        http3.write_http3(http3.http3(args), args.out)
        sys.exit(0)
    if args.memory:
        import open_model
        open_model.write_memory(open_model.memory(args), args.out)
        sys.exit(0)
    if args.tls:
        results = tls(args, args.rounds, args.seconds, args.warmup)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "tls.json").write_text(json.dumps(results, indent=2) + "\n")
        (args.out / "tls.md").write_text(f"# Results of `benchmarks/load.sh --tls`\n\nRun {time.strftime('%Y-%m-%d')} on "
                                         f"{machine()['cpu']}, servers pinned to CPU {cpus()[0]}, load to CPU "
                                         f"{cpus()[1]}. " + tls_markdown(results, args.rounds, args.seconds))
        log(f"results in {args.out / 'tls.md'}")
        sys.exit(0)
    full(args, args.out)


if __name__ == "__main__":
    main()
