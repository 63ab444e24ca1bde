package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.zokio.engine.http3.Http3Report;
import io.zokio.engine.http3.Http3Server;
import io.zokio.engine.http3.Http3State;
import io.zokio.engine.http3.Http3UnavailableException;
import io.zokio.engine.http3.QuicContextFactory;
import io.zokio.engine.http3.ReplaceableKeyManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

/**
 * Starts the HTTP/3 server once the application's server listens, on its port and address, with
 * the key material of its SSL configuration (a reloaded {@code server.ssl.bundle} serving new QUIC
 * connections, as it serves new TCP ones) and the application's handler; stops it with the
 * graceful shutdown. A failed stage is logged as a WARN and HTTP/1.1 and HTTP/2 serve on, unless
 * {@code zokio.http3.required}, which fails the start.
 */
final class Http3Lifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Http3Lifecycle.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final Http3Server server;

	private final ServerProperties serverProperties;

	private final Supplier<@Nullable SslBundles> bundles;

	private final Supplier<HttpHandler> handler;

	private final ApplicationContext context;

	private volatile boolean running;

	Http3Lifecycle(Http3Server server, ServerProperties serverProperties, Supplier<@Nullable SslBundles> bundles,
			Supplier<HttpHandler> handler, ApplicationContext context) {
		this.server = server;
		this.serverProperties = serverProperties;
		this.bundles = bundles;
		this.handler = handler;
		this.context = context;
	}

	@Override
	public void start() {
		WebServer web = (this.context instanceof WebServerApplicationContext application) ? application.getWebServer()
				: null;
		if (web == null || web.getPort() <= 0) {
			return;
		}
		Http3Report report = this.server.start(this.serverProperties.getAddress(), web.getPort(), contexts(),
				new ReactorHttpHandlerAdapter(this.handler.get()));
		this.running = true;
		if (report.state() == Http3State.SERVING) {
			logger.info(report.summary());
			return;
		}
		if (this.server.settings().required()) {
			throw new Http3UnavailableException(report);
		}
		logger.warn(report.summary());
	}

	private QuicContextFactory contexts() {
		return () -> {
			Ssl ssl = this.serverProperties.getSsl();
			if (!Ssl.isEnabled(ssl)) {
				throw new IllegalStateException("the server has no TLS, which HTTP/3 needs: set server.ssl.bundle "
						+ "or server.ssl.key-store (or certificate and certificate-private-key)");
			}
			SslBundles bundles = this.bundles.get();
			ReplaceableKeyManager keys = new ReplaceableKeyManager(
					WebServerSslBundle.get(ssl, bundles).getManagers().getKeyManagerFactory());
			if (ssl.getBundle() != null && bundles != null) {
				bundles.addBundleUpdateHandler(ssl.getBundle(), (updated) -> reload(keys, updated));
			}
			return QuicSslContextBuilder.forServer(keys, null)
				.applicationProtocols(Http3.supportedApplicationProtocols())
				.build();
		};
	}

	private static void reload(ReplaceableKeyManager keys, SslBundle bundle) {
		try {
			keys.replace(bundle.getManagers().getKeyManagerFactory());
			logger.info("Zokio HTTP/3: reloaded the SSL bundle");
		}
		catch (RuntimeException ex) {
			logger.warn("Zokio HTTP/3: the updated SSL bundle could not be used, the previous one still serves: {}",
					ex.getMessage());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.server.stop(STOP_TIMEOUT);
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		CompletableFuture.runAsync(() -> this.server.stop(STOP_TIMEOUT)).whenComplete((done, failure) -> callback.run());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the phase of Boot's graceful shutdown, after that of the server's start: the HTTP/3
	 * server starts once the server listens and stops as its graceful shutdown begins.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
	}

}
