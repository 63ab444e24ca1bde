#!/usr/bin/env bash
# Load benchmark of the sample app: plain Spring Boot against Zokio, side by side, interleaved.
#
#   benchmarks/load.sh            full run (about 25 minutes on 2 cores), results in docs/benchmarks/
#   benchmarks/load.sh --latency  only latency at fixed rates, per transport and loop count (about 13 minutes)
#   benchmarks/load.sh --open-model  open-model latency (intended send times, Poisson and burst arrivals) at 25, 50
#                                    and 75 % of plain Boot's saturation, per transport (about 18 minutes); with
#                                    --jar-before OLD.jar the earlier commit's app (its default transport) beside them
#   benchmarks/load.sh --overload  goodput and latency at 0.5 to 3 times plain Boot's saturation, open-model, for plain
#                                  Boot, Zokio defaults and each overload limit (about 45 minutes; --routes '/pool?ms=2'
#                                  for one route)
#   benchmarks/load.sh --shed-cost  what a 503 of the overload limit costs the server against a 200 (about 4 minutes)
#   benchmarks/load.sh --cold-start  the first 1,000 requests after readiness against steady state: plain Boot, Zokio
#                                    without and with warm-up, JDK 25 (JDK25_HOME) with and without a trained AOT
#                                    cache; pinned and unpinned (about 25 minutes with --rounds 3); with --jar-before
#                                    OLD.jar the earlier commit's app warmed up beside them, --variants to pick some
#   benchmarks/load.sh --memory   the buffer pool's peak under 200 concurrent 1 MiB uploads, per transport (with
#                                 --jar-before OLD.jar, an earlier commit's sample app beside each, interleaved)
#   benchmarks/load.sh --http3    HTTP/3 against HTTP/2 over TLS on one Zokio server, the same client for both:
#                                 saturation and open-model latency at 25, 50 and 75 % (about 10 minutes)
#   benchmarks/load.sh --variants boot,zokio --rounds 20   the saturation comparison in 20 paired rounds
#   benchmarks/load.sh --variants zokio-before,zokio --jar-before OLD.jar   a change against the sample app of an
#                                    earlier commit, in paired rounds
#   benchmarks/load.sh --smoke    a few seconds, results in a temporary folder (what CI runs)
#
# Needs wrk, h2load and openssl (Debian: wrk, nghttp2-client, openssl) and python3; builds the sample app if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=sample-app/target/zokio-sample-app.jar
footprint=benchmarks/target/zokio-benchmarks.jar
if [ ! -f "$jar" ] || [ ! -f "${jar%.jar}-without-zokio.jar" ] || [ ! -f "$footprint" ]; then
	./mvnw -B -q package -DskipTests
fi
exec python3 benchmarks/scripts/load.py --jar "$jar" --benchmarks-jar "$footprint" "$@"
