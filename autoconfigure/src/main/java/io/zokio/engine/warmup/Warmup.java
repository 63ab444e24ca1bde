package io.zokio.engine.warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider;

/**
 * Warms a server up before it reports ready: sends its {@link WarmupSettings#requests() requests}
 * in turn, on every protocol the server speaks, through the server's own pipeline over loopback,
 * with {@link WarmupSettings#concurrency() concurrency} in flight, until latency settles (see
 * {@link WarmupProgress}), its most requests were sent, its time runs out, a request fails or
 * answers {@code 5xx}, or it is cancelled. The client runs on an event loop of its own, stopped
 * when the warm-up ends; its connections are known to the server by their {@link #peers() peers}.
 */
public final class Warmup {

	private static final Logger logger = LoggerFactory.getLogger(Warmup.class);

	private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

	private final WarmupSettings settings;

	private final WarmupPeers peers = new WarmupPeers();

	private final WarmupProgress progress = WarmupProgress.ofJvm();

	private final CountDownLatch ended = new CountDownLatch(1);

	private final Disposable.Swap subscription = Disposables.swap();

	private volatile List<String> protocols = List.of();

	private volatile long startNanos;

	private volatile long endNanos;

	private volatile boolean started;

	/**
	 * Create a warm-up.
	 * @param settings how it runs
	 */
	public Warmup(WarmupSettings settings) {
		this.settings = settings;
	}

	/**
	 * Return how the warm-up runs.
	 * @return the settings
	 */
	public WarmupSettings settings() {
		return this.settings;
	}

	/**
	 * Return the client addresses of the warm-up's connections.
	 * @return the peers
	 */
	public WarmupPeers peers() {
		return this.peers;
	}

	/**
	 * Return what the warm-up did so far.
	 * @return the report, {@code null} before it started
	 */
	public @Nullable WarmupReport report() {
		if (!this.started) {
			return null;
		}
		long end = (this.endNanos != 0) ? this.endNanos : System.nanoTime();
		return this.progress.report(this.protocols, Duration.ofNanos(end - this.startNanos));
	}

	/**
	 * Stop the warm-up, as the application shuts down: requests in flight are abandoned.
	 */
	public void cancel() {
		this.progress.end(WarmupState.CANCELLED, "the application is shutting down");
		this.subscription.dispose();
	}

	/**
	 * Warm the server up, returning when the warm-up ends.
	 * @param target the server
	 * @return what the warm-up did
	 */
	public WarmupReport run(WarmupTarget target) {
		this.protocols = target.protocols();
		this.startNanos = System.nanoTime();
		this.progress.start();
		this.started = true;
		logger.info("Zokio: warming up the server on {} with {} for at most {} s or {} requests", this.protocols,
				this.settings.requests(), this.settings.duration().toSeconds(), this.settings.maxRequests());
		LoopResources loops = LoopResources.create("zokio-warmup", 1, true);
		ConnectionProvider connections = ConnectionProvider.builder("zokio-warmup")
			.maxConnections(this.settings.concurrency())
			.pendingAcquireMaxCount(-1)
			.build();
		try {
			List<Mono<Integer>> exchanges = exchanges(target, loops, connections);
			this.subscription.update(Flux.range(0, this.settings.maxRequests())
				.takeWhile((i) -> this.progress.isRunning())
				.flatMap((i) -> timed(exchanges.get(i % exchanges.size()), i % exchanges.size()),
						this.settings.concurrency(), 1)
				.doFinally((signal) -> this.ended.countDown())
				.subscribe());
			if (!this.ended.await(this.settings.duration().toNanos(), TimeUnit.NANOSECONDS)) {
				this.progress.end(WarmupState.TIME_LIMIT,
						"latency had not settled after " + this.settings.duration().toSeconds() + " s");
			}
			this.progress.end(WarmupState.REQUEST_LIMIT, null);
		}
		catch (InterruptedException ex) {
			this.progress.end(WarmupState.CANCELLED, "interrupted");
			Thread.currentThread().interrupt();
		}
		finally {
			this.subscription.dispose();
			connections.disposeLater().block(RELEASE_TIMEOUT);
			loops.disposeLater(Duration.ZERO, RELEASE_TIMEOUT).block(RELEASE_TIMEOUT);
			this.peers.clear();
			this.endNanos = System.nanoTime();
		}
		WarmupReport report = this.progress.report(this.protocols, Duration.ofNanos(this.endNanos - this.startNanos));
		log(report);
		return report;
	}

	private Mono<Integer> timed(Mono<Integer> exchange, int index) {
		return Mono.defer(() -> {
			long sent = System.nanoTime();
			return exchange.doOnNext((status) -> {
				if (status >= 500) {
					fail(describe(index) + " answered " + status);
				}
				else {
					this.progress.answered(System.nanoTime() - sent);
				}
			});
		}).onErrorResume((ex) -> {
			fail(describe(index) + " failed: " + ex);
			return Mono.empty();
		});
	}

	private String describe(int index) {
		List<WarmupRequest> requests = this.settings.requests();
		return requests.get(index / this.protocols.size()) + " over " + this.protocols.get(index % this.protocols.size());
	}

	private void fail(String reason) {
		this.progress.fail(reason);
		this.subscription.dispose();
	}

	private List<Mono<Integer>> exchanges(WarmupTarget target, LoopResources loops, ConnectionProvider connections) {
		String base = (target.tls() ? "https://" : "http://")
				+ NetUtil.toSocketAddressString(target.address().getAddress().getHostAddress(), target.address().getPort());
		List<HttpClient> clients = new ArrayList<>();
		for (String protocol : this.protocols) {
			HttpClient client = HttpClient.create(connections)
				.runOn(loops, false)
				.remoteAddress(target::address)
				.baseUrl(base)
				.responseTimeout(this.settings.duration())
				.doOnChannelInit((observer, channel, remoteAddress) -> {
					if (channel.parent() == null) {
						channel.pipeline().addFirst("zokio.warmup", new PeerBinding(this.peers, target.proxyProtocol()));
					}
				});
			clients.add(switch (protocol) {
				case "h2" -> client.protocol(HttpProtocol.H2).secure((spec) -> trusting(spec,
						Http2SslContextSpec.forClient().configure((ssl) -> ssl.trustManager(InsecureTrustManagerFactory.INSTANCE))));
				case "h2c" -> client.protocol(HttpProtocol.H2C);
				default -> target.tls() ? client.protocol(HttpProtocol.HTTP11).secure((spec) -> trusting(spec,
						Http11SslContextSpec.forClient().configure((ssl) -> ssl.trustManager(InsecureTrustManagerFactory.INSTANCE))))
						: client.protocol(HttpProtocol.HTTP11);
			});
		}
		List<Mono<Integer>> exchanges = new ArrayList<>();
		for (WarmupRequest request : this.settings.requests()) {
			for (HttpClient client : clients) {
				exchanges.add(exchange(client, request));
			}
		}
		return exchanges;
	}

	private static SslProvider.Builder trusting(SslProvider.SslContextSpec spec, SslProvider.ProtocolSslContextSpec context) {
		return spec.sslContext(context).handlerConfigurator((handler) -> {
			SSLEngine engine = handler.engine();
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm(null);
			engine.setSSLParameters(parameters);
		});
	}

	private static Mono<Integer> exchange(HttpClient client, WarmupRequest request) {
		HttpClient.RequestSender sender = client.headers((headers) -> request.headers().forEach(headers::set))
			.request(HttpMethod.valueOf(request.method()))
			.uri(request.path());
		String body = request.body();
		HttpClient.ResponseReceiver<?> receiver = (body != null) ? sender.send(ByteBufFlux.fromString(Mono.just(body)))
				: sender;
		return receiver.response((response, content) -> content.then(Mono.just(response.status().code()))).single();
	}

	private static void log(WarmupReport report) {
		WarmupReport.Window first = report.firstWindow();
		WarmupReport.Window last = report.lastWindow();
		String latency = (first != null && last != null) ? ", p99 " + first.p99Micros() + " us in the first "
				+ WarmupProgress.WINDOW + " requests and " + last.p99Micros() + " us in the last " + WarmupProgress.WINDOW
				: "";
		if (report.state().isFailure()) {
			logger.warn("Zokio: warm-up {} after {} requests in {} ms{}: {}", report.state(), report.requests(),
					report.elapsed().toMillis(), latency, report.failure());
		}
		else {
			logger.info("Zokio: warm-up {} after {} requests in {} ms{}{}", report.state(), report.requests(),
					report.elapsed().toMillis(), latency, (report.failure() != null) ? ": " + report.failure() : "");
		}
	}

}
