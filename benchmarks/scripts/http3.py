"""HTTP/3 against HTTP/2 over TLS on the same Zokio server (benchmarks/load.sh --http3).

One sample app serves both (TLS, server.http2.enabled, zokio.http3.enabled). The load comes from one and
the same client for both protocols, ProtocolLoad in the benchmarks jar (Reactor Netty's HttpClient on one NIO
event loop, pinned to the load CPU), so their ratio measures the protocols on the server; the client's own
CPU per request is reported beside the server's, and h2load's h2 beside them shows the server's h2 capacity
with a client that costs far less. Rounds interleave the protocols in alternating order: saturation (a closed
loop of 64 requests at once), then an open model at fixed rates (Poisson arrivals, latency from the intended
send time) at 25, 50 and 75 % of the lower saturation of the two."""

import json
import subprocess
import time

from load import (App, cpus, h2load, keystore, log, machine, median, paired_interval, paired_ratio)

PROTOCOLS = ("h2", "h3")


def protocol_load(args, app, protocol, seconds, rate=0, warmup=5):
    """One run of ProtocolLoad, with the server's CPU time per answered request over the measurement alone
    (read from /proc when the client says its warm-up is over, and when it prints its result)."""
    command = ["taskset", "-c", cpus()[1], "java", "-Xms256m", "-Xmx256m", "-cp", str(args.benchmarks_jar),
               "io.zokio.benchmarks.ProtocolLoad", "--port", str(app.port), "--protocol", protocol, "--seconds",
               str(seconds), "--warmup", str(warmup), "--concurrency", "64", "--connections", "4", "--rate", str(rate)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cpu_before, result = app.cpu_seconds(), None
    for line in process.stdout:
        if line.strip() == "measuring":
            cpu_before = app.cpu_seconds()
        elif line.startswith("{"):
            result = json.loads(line)
            result["server_cpu_us_per_request"] = (app.cpu_seconds() - cpu_before) / max(result["answered"], 1) * 1e6
    error = process.stderr.read()
    process.wait(timeout=seconds + warmup + 120)
    if result is None:
        raise RuntimeError(f"ProtocolLoad printed no result:\n{error[-3000:]}")
    if result["failed"]:
        raise RuntimeError(f"{result['failed']} requests failed: {result}")
    return result


def h2load_measured(app, seconds):
    cpu_before = app.cpu_seconds()
    result = h2load(app.port, seconds, scheme="https")
    result["server_cpu_us_per_request"] = (app.cpu_seconds() - cpu_before) / max(result["succeeded"], 1) * 1e6
    return result


def http3(args):
    app = App(args, "zokio", [], keystore() + ["--zokio.http3.enabled=true"])
    rounds, seconds = args.rounds, args.seconds
    saturation = {protocol: [] for protocol in PROTOCOLS}
    reference = []
    rates = {}
    try:
        app.wait_ready()
        serving = app.report()["http3"]
        if serving["state"] != "serving":
            raise RuntimeError(f"HTTP/3 does not serve: {serving}")
        for protocol in PROTOCOLS:
            protocol_load(args, app, protocol, 1, warmup=args.warmup)
        h2load(app.port, args.warmup, scheme="https", warmup=True)
        for round_index in range(rounds):
            order = PROTOCOLS if round_index % 2 == 0 else tuple(reversed(PROTOCOLS))
            for protocol in order:
                saturation[protocol].append(protocol_load(args, app, protocol, seconds))
            reference.append(h2load_measured(app, seconds))
            log(f"round {round_index + 1}: " + ", ".join(f"{p} {saturation[p][-1]['rps']:.0f}/s" for p in PROTOCOLS)
                + f", h2load h2 {reference[-1]['rps']:.0f}/s")
        lowest = min(median([run["rps"] for run in saturation[p]]) for p in PROTOCOLS)
        for share in (25, 50, 75):
            rate = int(lowest * share / 100)
            rates[share] = {"rate": rate, **{protocol: [] for protocol in PROTOCOLS}}
            for round_index in range(rounds):
                order = PROTOCOLS if round_index % 2 == 0 else tuple(reversed(PROTOCOLS))
                for protocol in order:
                    rates[share][protocol].append(protocol_load(args, app, protocol, seconds, rate=rate))
            log(f"{share} % ({rate}/s): " + ", ".join(
                f"{p} p99 {median([r['p99_us'] for r in rates[share][p]]):.0f} us" for p in PROTOCOLS))
        transport = serving["transport"]
    finally:
        app.stop()
    keys = ("rps", "p50_us", "p90_us", "p99_us", "p999_us", "max_us", "server_cpu_us_per_request",
            "client_cpu_us_per_request")
    return {
        "machine": machine(), "rounds": rounds, "seconds": seconds, "http3_transport": transport,
        "saturation": {p: {k: median([r[k] for r in runs]) for k in keys if k in runs[0]}
                       for p, runs in saturation.items()},
        "saturation_h3_over_h2": {"median": paired_ratio(saturation["h3"], saturation["h2"]),
                                  "interval90": paired_interval(saturation["h3"], saturation["h2"])},
        "h2load_h2": {k: median([r[k] for r in reference]) for k in ("rps", "server_cpu_us_per_request")},
        "rates": {share: {"rate": v["rate"], **{p: {k: median([r[k] for r in v[p]]) for k in keys if k in v[p][0]}
                                               for p in PROTOCOLS}} for share, v in rates.items()},
        "runs": {"saturation": saturation, "h2load": reference, "rates": rates},
    }


def write_http3(results, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "http3.json").write_text(json.dumps(results, indent=2) + "\n")
    m = results["machine"]
    s = results["saturation"]
    ratio = results["saturation_h3_over_h2"]
    lines = [
        "# HTTP/3 against HTTP/2 over TLS (`benchmarks/load.sh --http3`)", "",
        f"Run {time.strftime('%Y-%m-%d')} on {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}, {m['java']}: one "
        f"Zokio sample app (TLS, h2 and HTTP/3, its QUIC server on {results['http3_transport']}) pinned to CPU "
        f"{cpus()[0]}, the load on CPU {cpus()[1]}; {results['rounds']} interleaved rounds of {results['seconds']} s. "
        "Both protocols are driven by the same client, `ProtocolLoad` (Reactor Netty's `HttpClient`, one NIO "
        "event loop, 4 connections): its own CPU per request is in the table, and it is the bottleneck at "
        "saturation, so read the server's CPU per request as the protocols' cost and the rates as what this "
        "client reaches. h2load's h2 row shows the server's h2 capacity with a cheaper client (h2load has no "
        "HTTP/3 here).", "",
        "## Saturation (64 requests at once)", "",
        "| Protocol | req/s | server CPU µs / request | client CPU µs / request | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |",
        "|---|---|---|---|---|---|---|---|---|"]
    for p in PROTOCOLS:
        v = s[p]
        lines.append(f"| {p} | {v['rps']:,.0f} | {v['server_cpu_us_per_request']:.0f} | {v['client_cpu_us_per_request']:.0f} "
                     f"| {v['p50_us']:,} | {v['p90_us']:,} | {v['p99_us']:,} | {v['p999_us']:,} | {v['max_us']:,} |")
    r = results["h2load_h2"]
    lines += [f"| h2 (h2load, 16 connections × 10 streams) | {r['rps']:,.0f} | {r['server_cpu_us_per_request']:.0f} "
              "| | | | | | |", "",
              f"h3 ÷ h2 with the same client, paired over rounds: {ratio['median']:.3f} (90 % interval "
              f"{ratio['interval90'][0]:.3f} to {ratio['interval90'][1]:.3f}).", "",
              "## Fixed rates, open model (Poisson arrivals, latency from the intended send time)", "",
              "| Share of the lower saturation | rate /s | Protocol | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs "
              "| server CPU µs / request |", "|---|---|---|---|---|---|---|---|---|"]
    for share, v in results["rates"].items():
        for p in PROTOCOLS:
            q = v[p]
            lines.append(f"| {share} % | {v['rate']:,} | {p} | {q['p50_us']:,} | {q['p90_us']:,} | {q['p99_us']:,} "
                         f"| {q['p999_us']:,} | {q['max_us']:,} | {q['server_cpu_us_per_request']:.0f} |")
    (out / "http3.md").write_text("\n".join(lines) + "\n")
    log(f"results in {out / 'http3.md'}")
