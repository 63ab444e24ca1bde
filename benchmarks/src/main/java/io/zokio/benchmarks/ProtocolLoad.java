package io.zokio.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.Http3SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * HTTP/3 or HTTP/2 over TLS against one server, with one and the same client for both (Reactor
 * Netty's {@code HttpClient} on one NIO event loop: its HTTP/3 client on io_uring completed no
 * request), so that the ratio of the two measures the protocols on the server and not two clients.
 * Either a closed loop of {@code --concurrency} requests at once for the most requests a second,
 * or an open model: {@code --rate} requests a second at Poisson-distributed intended times, each
 * latency recorded from its intended send time into an HdrHistogram, so that a server that stalls is
 * charged for the queue it causes. Both report the client's own CPU time per request. The warm-up
 * ({@code --warmup} seconds, not recorded) runs the same load as the measurement.
 * <p>
 * Prints {@code measuring} when the warm-up ends, then one JSON object: the protocol, requests answered {@code 200}, failed, the rate, the latency
 * percentiles in microseconds (p50, p90, p99, p99.9, max) and the client's CPU microseconds per
 * request.
 * <p>
 * {@code java -cp zokio-benchmarks.jar io.zokio.benchmarks.ProtocolLoad --port 8443 --protocol h3
 * --rate 2000 --seconds 10 --connections 4 --warmup 5}
 */
public final class ProtocolLoad {

	private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

	private final Options options;

	private final HttpClient client;

	private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);

	private final AtomicLong failed = new AtomicLong();

	private ProtocolLoad(Options options, HttpClient client) {
		this.options = options;
		this.client = client;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		LoopResources loops = LoopResources.create("protocol-load", 1, true);
		ConnectionProvider connections = ConnectionProvider.builder("protocol-load")
			.maxConnections(options.connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		try {
			ProtocolLoad load = new ProtocolLoad(options, client(options, loops, connections));
			if (options.warmup > 0) {
				if (options.rate > 0) {
					load.openModel(options.warmup);
				}
				else {
					load.closedLoop(options.warmup);
				}
				load.latency.reset();
				load.failed.set(0);
			}
			System.out.println("measuring");
			System.out.flush();
			long cpuBefore = cpuNanos();
			long started = System.nanoTime();
			long answered = (options.rate > 0) ? load.openModel(options.seconds) : load.closedLoop(options.seconds);
			long elapsed = System.nanoTime() - started;
			long cpu = cpuNanos() - cpuBefore;
			System.out.println(load.result(answered, elapsed, cpu));
			System.out.flush();
		}
		finally {
			connections.disposeLater().block(Duration.ofSeconds(10));
			loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
	}

	private static HttpClient client(Options options, LoopResources loops, ConnectionProvider connections) {
		HttpClient client = HttpClient.create(connections)
			.runOn(loops, false)
			.remoteAddress(() -> new InetSocketAddress(options.host, options.port));
		if ("h3".equals(options.protocol)) {
			return client.protocol(HttpProtocol.HTTP3)
				.secure((spec) -> spec.sslContext(Http3SslContextSpec.forClient()
					.configure((builder) -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))))
				.http3Settings((spec) -> spec.idleTimeout(Duration.ofSeconds(30))
					.maxData(10_000_000)
					.maxStreamDataBidirectionalLocal(1_000_000)
					.maxStreamDataBidirectionalRemote(1_000_000)
					.maxStreamsBidirectional(100));
		}
		return client.protocol(HttpProtocol.H2)
			.secure((spec) -> spec.sslContext(Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))));
	}

	private Mono<Integer> request() {
		return this.client.get()
			.uri(this.options.path)
			.responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
	}

	private long closedLoop(int seconds) {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		Long answered = Flux.range(0, this.options.concurrency)
			.flatMap((worker) -> Mono.defer(() -> {
				long sent = System.nanoTime();
				return request().doOnNext((status) -> record(status, sent)).onErrorResume((ex) -> {
					this.failed.incrementAndGet();
					return Mono.empty();
				});
			}).repeat(() -> System.nanoTime() < end).filter((status) -> status == 200).count(),
					this.options.concurrency)
			.reduce(0L, Long::sum)
			.block(Duration.ofSeconds(seconds + 60L));
		return (answered != null) ? answered : 0;
	}

	private long openModel(int seconds) throws InterruptedException {
		long total = (long) this.options.rate * seconds;
		CountDownLatch done = new CountDownLatch((int) total);
		AtomicLong answered = new AtomicLong();
		SplittableRandom random = new SplittableRandom(42);
		double meanGapNanos = TimeUnit.SECONDS.toNanos(1) / (double) this.options.rate;
		long intended = System.nanoTime();
		for (long i = 0; i < total; i++) {
			intended += (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			long sendAt = intended;
			request().subscribe((status) -> {
				if (status == 200) {
					answered.incrementAndGet();
				}
				record(status, sendAt);
				done.countDown();
			}, (ex) -> {
				this.failed.incrementAndGet();
				done.countDown();
			});
		}
		done.await(60, TimeUnit.SECONDS);
		return answered.get();
	}

	private void record(int status, long since) {
		if (status != 200) {
			this.failed.incrementAndGet();
			return;
		}
		long micros = Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - since), HIGHEST_MICROS);
		synchronized (this.latency) {
			this.latency.recordValue(micros);
		}
	}

	private String result(long answered, long elapsedNanos, long cpuNanos) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("protocol", this.options.protocol);
		values.put("mode", (this.options.rate > 0) ? "open" : "closed");
		values.put("rate", this.options.rate);
		values.put("concurrency", this.options.concurrency);
		values.put("connections", this.options.connections);
		values.put("answered", answered);
		values.put("failed", this.failed.get());
		values.put("rps", answered / (elapsedNanos / 1e9));
		synchronized (this.latency) {
			values.put("p50_us", this.latency.getValueAtPercentile(50));
			values.put("p90_us", this.latency.getValueAtPercentile(90));
			values.put("p99_us", this.latency.getValueAtPercentile(99));
			values.put("p999_us", this.latency.getValueAtPercentile(99.9));
			values.put("max_us", this.latency.getMaxValue());
		}
		values.put("client_cpu_us_per_request", (answered > 0) ? cpuNanos / 1000.0 / answered : 0);
		StringBuilder json = new StringBuilder("{");
		values.forEach((key, value) -> json.append(json.length() > 1 ? ", " : "")
			.append('"')
			.append(key)
			.append("\": ")
			.append((value instanceof String) ? "\"" + value + "\"" : value));
		return json.append('}').toString();
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private record Options(String host, int port, String protocol, int seconds, int warmup, int concurrency, int rate,
			int connections, String path) {

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i + 1 < args.length; i += 2) {
				values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
			}
			String protocol = values.getOrDefault("protocol", "h3");
			if (!protocol.equals("h2") && !protocol.equals("h3")) {
				throw new IllegalArgumentException("--protocol must be h2 or h3");
			}
			return new Options(values.getOrDefault("host", "127.0.0.1"), Integer.parseInt(values.get("port")), protocol,
					Integer.parseInt(values.getOrDefault("seconds", "10")),
					Integer.parseInt(values.getOrDefault("warmup", "0")),
					Integer.parseInt(values.getOrDefault("concurrency", "64")),
					Integer.parseInt(values.getOrDefault("rate", "0")),
					Integer.parseInt(values.getOrDefault("connections", "4")), values.getOrDefault("path", "/plaintext"));
		}

	}

}
