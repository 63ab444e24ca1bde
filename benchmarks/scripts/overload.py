"""Overload: goodput and latency beyond saturation, side by side and interleaved, for benchmarks/load.sh --overload.

Plain Boot, Zokio defaults and Zokio with each overload limit (gradient2 also with min-limit 8, the pool's size), on
/plaintext and on /pool (each request holds one of eight permits for 2 ms, waiting its turn as for a database
connection, so its time grows with concurrency).
Saturation is plain Boot's, closed-model (wrk, 64 connections); the load is open-model (requests at Poisson
intended times over 512 connections, io.zokio.benchmarks.OpenModelLoad, each latency from its intended send) at
0.5, 1, 1.5, 2 and 3 times it.
"""
import json
import threading
import time
import urllib.request

from load import BASELINE, App, interleaved, log, machine, median, throughput_rounds, wrk
from open_model import open_model_run

VARIANTS = {
    BASELINE: [],
    "zokio": [],
    "zokio-gradient2": ["--zokio.overload.limit=gradient2"],
    "zokio-gradient2-min8": ["--zokio.overload.limit=gradient2", "--zokio.overload.min-limit=8"],
    "zokio-vegas": ["--zokio.overload.limit=vegas"],
}

ROUTES = ("/plaintext", "/pool?ms=2")

MULTIPLES = (0.5, 1.0, 1.5, 2.0, 3.0)

CONNECTIONS = 512

CLIENT_TIMEOUT_MS = 2000

KEYS = ("goodputRps", "2xx", "5xx", "failed", "unfinished", "overClientTimeout", "ok_p50_us", "ok_p90_us",
        "ok_p99_us", "ok_p999_us", "ok_max_us", "p99_us", "schedulerLate_p99_us")


def overload(args):
    apps = {}
    report = {"machine": machine(), "command": "benchmarks/load.sh --overload", "connections": CONNECTIONS,
              "clientTimeoutMs": CLIENT_TIMEOUT_MS, "seconds": args.seconds, "rounds": args.rounds,
              "variants": VARIANTS, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "routes": {}}
    try:
        for name, variant_args in VARIANTS.items():
            apps[name] = App(args, name, variant_args)
        for app in apps.values():
            app.wait_ready()
        log(f"warming up {len(apps)} variants ({args.warmup}s each route)")
        routes = args.routes.split(",") if args.routes else ROUTES
        for app in apps.values():
            for route in routes:
                wrk(app.port, args.warmup, 64, path=route)
        for route in routes:
            saturations = {name: median([result["rps"] for result in results]) for name, results in interleaved(
                apps, 3, lambda _, name, app: wrk(app.port, args.seconds, 64, path=route)).items()}
            saturation = saturations[BASELINE]
            log(f"{route}: saturation (wrk, 64 connections) " + ", ".join(
                f"{name} {rps:.0f}" for name, rps in saturations.items()) + " req/s")
            levels = {}
            for multiple in MULTIPLES:
                rate = int(saturation * multiple)
                runs = interleaved(apps, args.rounds, lambda _, name, app: run(args, app, rate, route))
                levels[f"{multiple:g}x"] = {"rps": rate, "variants": {name: {
                    "median": {key: median([result[key] for result in values]) for key in KEYS},
                    "rounds": values} for name, values in runs.items()}}
                for name, values in levels[f"{multiple:g}x"]["variants"].items():
                    m = values["median"]
                    log(f"{route} {multiple:g}x ({rate}/s) {name}: goodput {m['goodputRps']:.0f}/s, 503 {m['5xx']}, "
                        f"ok p50 {m['ok_p50_us']} p99 {m['ok_p99_us']} p99.9 {m['ok_p999_us']} us, "
                        f"over timeout {m['overClientTimeout']}")
            report["routes"][route] = {"saturationRps": saturation, "saturations": saturations, "levels": levels}
        report["shed"] = {name: app.report().get("overload") for name, app in apps.items() if name != BASELINE}
    finally:
        for app in apps.values():
            app.stop()
    return report


def run(args, app, rate, route):
    return open_model_run(args, app, rate, "poisson", args.seconds, warmup=2, connections=CONNECTIONS, path=route,
                          client_timeout_ms=CLIENT_TIMEOUT_MS)


def targets(route, levels):
    """The overload issue's targets for one route and variant: goodput at every multiple at least 90 % of the
    saturation goodput, and p99 of admitted requests at most three times the p99 at half load."""
    rows = {}
    for name in next(iter(levels.values()))["variants"]:
        half = levels["0.5x"]["variants"][name]["median"]["ok_p99_us"]
        saturation = levels["1x"]["variants"][name]["median"]["goodputRps"]
        rows[name] = {multiple: {
            "goodput": level["variants"][name]["median"]["goodputRps"] >= 0.9 * saturation,
            "p99": level["variants"][name]["median"]["ok_p99_us"] <= 3 * half,
            "timeouts": level["variants"][name]["median"]["overClientTimeout"] == 0,
        } for multiple, level in levels.items() if multiple not in ("0.5x",)}
    return rows


def write_overload(report, out):
    out.mkdir(parents=True, exist_ok=True)
    for route, result in report["routes"].items():
        result["targets"] = targets(route, result["levels"])
    (out / "overload.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [f"# Results of `benchmarks/load.sh --overload`", "",
             f"Run {report['started']} on {report['machine']['cpu']}: servers pinned to one CPU, the load generator "
             f"to the other; {report['connections']} connections, Poisson arrivals at intended times, latency from "
             f"the intended send, {report['seconds']} s per run, {report['rounds']} interleaved rounds (medians), "
             f"client timeout {report['clientTimeoutMs']} ms. Goodput is the 2xx answered within the client timeout, "
             f"per second; the percentiles are of the 2xx alone (admitted requests); 503 counts the requests "
             f"shed; over timeout counts the requests, answered or not, that took longer than the client "
             f"timeout.", ""]
    for route, result in report["routes"].items():
        lines += [f"## `{route}` (plain Boot saturates at {result['saturationRps']:.0f} req/s)", "",
                  "| offered | variant | goodput/s | 503 | p50 | p90 | p99 | p99.9 | max | over timeout | "
                  "goodput ≥ 90 % of 1x | p99 ≤ 3× p99 at 0.5x |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for multiple, level in result["levels"].items():
            for name, values in level["variants"].items():
                m = values["median"]
                met = result["targets"][name].get(multiple)
                verdict = (lambda key: "met" if met[key] else "**missed**") if met else (lambda key: "")
                lines.append(f"| {multiple} ({level['rps']}/s) | {name} | {m['goodputRps']:.0f} | {m['5xx']} | "
                             f"{ms(m['ok_p50_us'])} | {ms(m['ok_p90_us'])} | {ms(m['ok_p99_us'])} | "
                             f"{ms(m['ok_p999_us'])} | {ms(m['ok_max_us'])} | {m['overClientTimeout']} | "
                             f"{verdict('goodput')} | {verdict('p99')} |")
        lines.append("")
    lines += ["Shed by the end of the run, per Zokio variant (`/actuator/zokio/overload`):", ""]
    for name, section in report.get("shed", {}).items():
        lines.append(f"- {name}: {json.dumps(section) if section else 'no limit'}")
    (out / "overload.md").write_text("\n".join(lines) + "\n")
    log(f"results in {out / 'overload.md'}")


def ms(micros):
    return f"{micros / 1000:.2f} ms" if micros is not None else "-"


def shed_cost(args):
    """What a shed request costs the server against a served one, on /plaintext: Zokio with the limit fixed at 1 and
    its one slot held by /delay requests, so that every other request is answered 503, beside the same jar with a
    limit that never binds and plain Boot; wrk over 64 connections saturates each server's one CPU, interleaved
    rounds. The ratio bounds what shedding can keep of the goodput of a route served whole on its event loop."""
    variants = {BASELINE: [], "zokio": ["--zokio.overload.limit=fixed", "--zokio.overload.max-limit=100000"],
                "zokio-shedding": ["--zokio.overload.limit=fixed", "--zokio.overload.max-limit=1"]}
    apps = {}
    report = {"machine": machine(), "command": "benchmarks/load.sh --shed-cost", "seconds": args.seconds,
              "rounds": args.rounds, "variants": variants,
              "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        for name, variant_args in variants.items():
            apps[name] = App(args, name, variant_args)
        for app in apps.values():
            app.wait_ready()
        shedding = apps["zokio-shedding"]
        threading.Thread(target=hold, args=(shedding.port,), daemon=True).start()
        for app in apps.values():
            wrk(app.port, args.warmup, 64)
        runs = throughput_rounds(apps, args.rounds, args.seconds, 64)
        report["results"] = {name: {"median": {key: median([result[key] for result in results])
                                               for key in ("rps", "errors", "cpu_s_per_100k")},
                                    "rounds": results} for name, results in runs.items()}
        report["shedToServedCpu"] = median([shed["cpu_s_per_100k"] / served["cpu_s_per_100k"]
                                            for shed, served in zip(runs["zokio-shedding"], runs["zokio"])])
    finally:
        for app in apps.values():
            app.stop()
    return report


def hold(port):
    """Keep the one slot of a server limited to one request taken, one minute at a time."""
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/delay?ms=60000", timeout=90) as response:
                response.read()
        except OSError:
            return


def write_shed_cost(report, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "shed-cost.json").write_text(json.dumps(report, indent=2) + "\n")
    ratio = report["shedToServedCpu"]
    lines = ["# Results of `benchmarks/load.sh --shed-cost`", "",
             f"Run {report['started']} on {report['machine']['cpu']}: each server pinned to one CPU, wrk (64 "
             f"connections, `GET /plaintext`) on the other, {report['seconds']} s per round, {report['rounds']} "
             f"interleaved rounds (medians). `zokio-shedding` answers every request `503` (its one slot is held); "
             f"`zokio` serves every one `200` (a limit that never binds).", "",
             "| variant | answers/s | not 2xx, per round | CPU-s per 100k answers |", "|---|---|---|---|"]
    for name, values in report["results"].items():
        m = values["median"]
        lines.append(f"| {name} | {m['rps']:.0f} | {m['errors']:.0f} | {m['cpu_s_per_100k']:.3f} |")
    lines += ["", f"A shed request costs {ratio:.2f} of a served one (paired median of the rounds' CPU per answer). "
              f"At m times saturation, answering everything, the goodput g of a route served whole on its event loop "
              f"is at most (1 - m·r) / (1 - r) of saturation with r = {ratio:.2f}: "
              + ", ".join(f"{m:g}× {max(0.0, (1 - m * ratio) / (1 - ratio)):.0%}" for m in (1.5, 2, 3)) + "."]
    (out / "shed-cost.md").write_text("\n".join(lines) + "\n")
    log(f"results in {out / 'shed-cost.md'}")
