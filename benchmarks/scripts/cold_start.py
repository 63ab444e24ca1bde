"""Cold start: the first 1,000 requests after an instance reports ready, against its steady state, for
benchmarks/load.sh --cold-start.

Variants, each a fresh JVM per round: plain Boot, Zokio without warm-up, Zokio with warm-up, and Zokio with warm-up
on JDK 25 (from JDK25_HOME; left out when it is not set), without and with an AOT cache (JEP 483/514/515) trained by a
run of its own that warmed up and was then stopped. Each on two placements: the server pinned to CPU 0, and the server free on both CPUs. Rounds interleave
every variant and placement.

One run: start the JVM, poll readiness (/actuator/health/readiness) until it answers 200 (the time to ready counts
from the process's start), send 1,000 requests one after another on one keep-alive connection (the first 1,000),
load the server with wrk for 20 s (64 connections), send 1,000 requests again (steady state). The client runs on
CPU 1. Each request is sent when the last answer has arrived, so no request waits behind another and the latency of
each is its own, measured from its send.
"""
import json
import os
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from load import BASELINE, BEFORE, App, free_port, log, machine, median, percentile, sequential_latencies_us, wrk

JDK25_HOME = os.environ.get("JDK25_HOME")

JDK25 = Path(JDK25_HOME, "bin", "java") if JDK25_HOME else Path("java25-not-given")

WARMUP = ["--zokio.warmup.enabled=true", "--zokio.warmup.requests[0].path=/plaintext"]

VARIANTS = {
    BASELINE: {"java": "java", "args": []},
    "zokio": {"java": "java", "args": []},
    "zokio-warmup": {"java": "java", "args": WARMUP},
    "zokio-warmup-jdk25": {"java": "JDK25_HOME", "args": WARMUP, "extracted": True},
    "zokio-warmup-jdk25-aot": {"java": "JDK25_HOME", "args": WARMUP, "extracted": True, "aot": True},
}

BEFORE_WARMUP = BEFORE + "-warmup"

PLACEMENTS = {"pinned": "0", "unpinned": "0,1"}

REQUESTS = 1000

LOAD_SECONDS = 20

COMMON = ["--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
          "--management.endpoint.health.probes.enabled=true"]


class ColdApp(App):
    """A JVM started from a command of its own, ready when readiness answers 200."""

    def __init__(self, command, name):  # pylint: disable=super-init-not-called
        self.name = name
        self.port = free_port()
        self.scheme = "http"
        self.log = tempfile.TemporaryFile()
        self.started = time.monotonic()
        self.process = subprocess.Popen([*command, f"--server.port={self.port}"], stdout=self.log,
                                        stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=180, path="/actuator/health/readiness"):
        return super().wait_ready(timeout, path)

    def warmup(self):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/actuator/zokio/warmup", timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            return None


def jdk25_version():
    if not JDK25.exists():
        return None
    return subprocess.run([str(JDK25), "-version"], capture_output=True, text=True).stderr.splitlines()[0]


def summary(latencies):
    return {"p50_us": percentile(latencies, 50), "p99_us": percentile(latencies, 99),
            "p999_us": percentile(latencies, 99.9), "max_us": max(latencies)}


def extract(jar, directory):
    subprocess.run([str(JDK25), "-Djarmode=tools", "-jar", str(jar), "extract", "--destination", str(directory)],
                   check=True, capture_output=True)
    return directory / jar.name


def train(extracted_jar, cache):
    """A training run: the AOT cache records what the JVM loaded, linked and profiled from its start through the
    warm-up, and is written when the run is stopped."""
    app = ColdApp([str(JDK25), f"-XX:AOTCacheOutput={cache}", "-Xms256m", "-Xmx256m", "-jar", str(extracted_jar),
                   *COMMON, *WARMUP], "aot-training")
    try:
        app.wait_ready()
        app.process.terminate()
        app.process.wait(180)
        if not cache.exists():
            app.log.seek(0)
            raise RuntimeError("the training run wrote no AOT cache:\n"
                               + app.log.read().decode(errors="replace")[-3000:])
    finally:
        app.stop()


def variants(args):
    """The variants to run: every one this machine can run, with --jar-before the earlier commit's sample app warmed
    up beside them (zokio-before-warmup), and with --variants only those named."""
    chosen = dict(VARIANTS)
    if args.jar_before:
        chosen[BEFORE_WARMUP] = {"java": "java", "args": WARMUP, "before": True}
    names = [name for name in chosen if not chosen[name].get("extracted") or JDK25.exists()]
    if args.variants:
        names = [name for name in names if name in args.variants.split(",")]
    return {name: chosen[name] for name in names}


def command(args, name, variant, placement, extracted_jar, cache):
    jar = (args.jar_without_zokio if name == BASELINE else args.jar_before if variant.get("before")
           else extracted_jar if variant.get("extracted") else args.jar)
    jvm = [f"-XX:AOTCache={cache}"] if variant.get("aot") else []
    java = str(JDK25) if variant["java"] == "JDK25_HOME" else variant["java"]
    return ["taskset", "-c", PLACEMENTS[placement], java, *jvm, "-Xms256m", "-Xmx256m", "-jar", str(jar),
            *COMMON, *variant["args"]]


def run_once(args, name, variant, placement, extracted_jar, cache):
    app = ColdApp(command(args, name, variant, placement, extracted_jar, cache), f"{name} {placement}")
    try:
        ready = app.wait_ready()
        first = sequential_latencies_us(app.port, REQUESTS)
        warmup = app.warmup()
        wrk(app.port, LOAD_SECONDS, 64)
        steady = sequential_latencies_us(app.port, REQUESTS)
    finally:
        app.stop()
    result = {"readySeconds": round(ready, 2), "first": summary(first), "steady": summary(steady),
              "warmup": warmup}
    result["p99Ratio"] = result["first"]["p99_us"] / result["steady"]["p99_us"]
    log(f"cold start {name} {placement}: ready in {ready:.1f} s, first {REQUESTS} p50/p99/p99.9 "
        f"{result['first']['p50_us']:.0f}/{result['first']['p99_us']:.0f}/{result['first']['p999_us']:.0f} us, "
        f"steady {result['steady']['p50_us']:.0f}/{result['steady']['p99_us']:.0f}/"
        f"{result['steady']['p999_us']:.0f} us, p99 ratio {result['p99Ratio']:.1f}")
    return result


def cold_start(args):
    os.sched_setaffinity(0, {1} if (os.cpu_count() or 1) >= 2 else {0})
    chosen = variants(args)
    names = list(chosen)
    extracting = any(variant.get("extracted") for variant in chosen.values())
    directory = Path(tempfile.mkdtemp(prefix="zokio-cold-"))
    extracted_jar = extract(args.jar, directory) if extracting else None
    cache = directory / "app.aot"
    if extracted_jar is not None:
        log("training the JDK 25 AOT cache with a warm-up run")
        train(extracted_jar, cache)
    rounds = 1 if args.smoke else args.rounds
    runs = {f"{name} {placement}": [] for name in names for placement in PLACEMENTS}
    order = [(name, placement) for placement in PLACEMENTS for name in names]
    for round_index in range(rounds):
        for name, placement in (order if round_index % 2 == 0 else list(reversed(order))):
            runs[f"{name} {placement}"].append(run_once(args, name, chosen[name], placement, extracted_jar, cache))
    medians = {}
    for key, results in runs.items():
        medians[key] = {
            "readySeconds": median([r["readySeconds"] for r in results]),
            **{f"first_{k}": median([r["first"][k] for r in results]) for k in ("p50_us", "p99_us", "p999_us")},
            **{f"steady_{k}": median([r["steady"][k] for r in results]) for k in ("p50_us", "p99_us", "p999_us")},
            "p99Ratio": median([r["p99Ratio"] for r in results]),
        }
    return {"machine": machine(), "command": "benchmarks/load.sh --cold-start", "rounds": rounds,
            "requests": REQUESTS, "loadSeconds": LOAD_SECONDS, "placements": PLACEMENTS,
            "variants": chosen, "jdk25": jdk25_version() if extracting else None,
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": runs, "medians": medians}


def write_cold_start(report, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "cold-start.json").write_text(json.dumps(report, indent=2) + "\n")
    machine_ = report["machine"]
    lines = ["# Cold start", "", f"`{report['command']}`, run {report['started']} on {machine_['cpu']} "
             f"({machine_['cores']} cores, Linux {machine_['kernel']}, {machine_['java']}; the JDK 25 variants on "
             f"{report.get('jdk25', 'JDK 25')}): {report['rounds']} interleaved rounds, a fresh JVM per run. 'pinned': the "
             "server on CPU 0; 'unpinned': on both CPUs. The client sends on CPU 1. Medians of the rounds; every round "
             "is in `cold-start.json`.", "",
             "| Variant | Placement | Ready (s) | First 1,000 p50 / p99 / p99.9 (µs) | Steady p50 / p99 / p99.9 (µs) "
             "| p99 first ÷ steady |", "|---|---|---|---|---|---|"]
    for key, m in report["medians"].items():
        name, placement = key.rsplit(" ", 1)
        lines.append(f"| {name} | {placement} | {m['readySeconds']:.1f} | {m['first_p50_us']:.0f} / "
                     f"{m['first_p99_us']:.0f} / {m['first_p999_us']:.0f} | {m['steady_p50_us']:.0f} / "
                     f"{m['steady_p99_us']:.0f} / {m['steady_p999_us']:.0f} | {m['p99Ratio']:.1f}× |")
    (out / "cold-start.md").write_text("\n".join(lines) + "\n")
