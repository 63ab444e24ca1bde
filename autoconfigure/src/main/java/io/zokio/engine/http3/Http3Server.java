package io.zokio.engine.http3;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.zokio.engine.pipeline.QuicShutdown;
import io.zokio.engine.selection.Causes;
import io.zokio.engine.selection.Stage;
import io.zokio.engine.transport.DatagramLoops;
import io.zokio.engine.transport.TransportMode;
import io.zokio.engine.transport.ZokioLoopResources;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP/3 server beside the application's HTTP/1.1 and HTTP/2 server: Reactor Netty's QUIC
 * server on the same port (UDP), on an event loop of its own (on the first transport of the
 * configured mode's order that starts), with Zokio's pipeline in every QUIC
 * connection and request stream. Started in stages: {@link Stage#LOAD load} the native QUIC
 * library, {@link Stage#INIT init} the QUIC TLS context from the server's key material,
 * {@link Stage#BIND bind} the UDP port. A stage that fails leaves the server without HTTP/3 and
 * says so in the {@link #report() report}; nothing else stops.
 */
public final class Http3Server {

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration MIN_DISPOSE = Duration.ofSeconds(1);

	private final Http3Settings settings;

	private final ChannelPipelineConfigurer pipeline;

	private final TransportMode transportMode;

	private final ByteBufAllocator allocator;

	private volatile Http3Report report;

	private volatile @Nullable String altSvc;

	private @Nullable DisposableServer server;

	private @Nullable ZokioLoopResources loops;

	private @Nullable QuicSslContext context;

	private final ChannelGroup connections = new DefaultChannelGroup("zokio-http3", GlobalEventExecutor.INSTANCE);

	/**
	 * Create a server that is not started.
	 * @param settings the settings
	 * @param pipeline what places Zokio's handlers in each QUIC connection
	 * @param transportMode the transport mode, whose order the QUIC server's event loop follows
	 * @param allocator the allocator of the QUIC connections and their streams: the buffer pool, as
	 * for the TCP connections, so that its guard sees what HTTP/3 holds
	 */
	public Http3Server(Http3Settings settings, ChannelPipelineConfigurer pipeline, TransportMode transportMode,
			ByteBufAllocator allocator) {
		this.settings = settings;
		this.pipeline = pipeline;
		this.transportMode = transportMode;
		this.allocator = allocator;
		this.report = Http3Report.starting(settings);
	}

	private void publish(Http3Report next) {
		this.report = next;
		this.altSvc = next.altSvc();
	}

	/**
	 * Start serving HTTP/3, stage by stage.
	 * @param address the address to bind, or {@code null} for every address
	 * @param port the UDP port: the application server's TCP port
	 * @param contexts builds the QUIC TLS context
	 * @param handler the application's handler
	 * @return the report: serving, or which stage failed and why
	 */
	public synchronized Http3Report start(@Nullable InetAddress address, int port, QuicContextFactory contexts,
			BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler) {
		try {
			Quic.ensureAvailability();
		}
		catch (Throwable ex) {
			return failed(port, Stage.LOAD, loadCause(ex));
		}
		QuicSslContext quicContext;
		try {
			quicContext = contexts.create();
		}
		catch (Exception ex) {
			return failed(port, Stage.INIT, ex);
		}
		ZokioLoopResources quicLoops = DatagramLoops.create("zokio-http3-", this.transportMode);
		try {
			HttpServer http3 = HttpServer.create()
				.protocol(HttpProtocol.HTTP3)
				.port(port)
				.runOn(quicLoops)
				.option(ChannelOption.ALLOCATOR, this.allocator)
				.childOption(ChannelOption.ALLOCATOR, this.allocator)
				.secure((spec) -> spec.sslContext(quicContext))
				.http3Settings((spec) -> spec.idleTimeout(this.settings.idleTimeout())
					.maxData(this.settings.maxData())
					.maxStreamDataBidirectionalLocal(this.settings.maxStreamData())
					.maxStreamDataBidirectionalRemote(this.settings.maxStreamData())
					.maxStreamsBidirectional(this.settings.maxStreams())
					.maxFieldSectionSize(this.settings.maxFieldSectionSize()))
				.doOnChannelInit(this.pipeline.then((observer, connection, remote) -> this.connections.add(connection)))
				.handle(handler);
			DisposableServer bound = ((address != null) ? http3.host(address.getHostAddress()) : http3)
				.bindNow(BIND_TIMEOUT);
			this.server = bound;
			this.loops = quicLoops;
			this.context = quicContext;
			publish(new Http3Report(Http3State.SERVING, port, null, null, quicLoops.report().transport().id(),
					this.settings));
			return this.report;
		}
		catch (RuntimeException ex) {
			quicLoops.disposeLater(Duration.ZERO, BIND_TIMEOUT).block(BIND_TIMEOUT);
			ReferenceCountUtil.release(quicContext);
			return failed(port, Stage.BIND, ex);
		}
	}

	private Http3Report failed(int port, Stage stage, Throwable failure) {
		return failed(port, stage, Causes.describe(failure));
	}

	private Http3Report failed(int port, Stage stage, String cause) {
		publish(Http3Report.failed(port, stage, cause, this.settings));
		return this.report;
	}

	/**
	 * Say which jar is missing when this platform's native QUIC library is not on the classpath,
	 * rather than list the library path searched; any other failure to load (a {@code noexec}
	 * temporary directory) as it is.
	 */
	private static String loadCause(Throwable failure) {
		String cause = Causes.describe(failure);
		String os = PlatformDependent.normalizedOs();
		String arch = PlatformDependent.normalizedArch();
		String library = "META-INF/native/" + System.mapLibraryName("netty_quiche42_" + os + "_" + arch);
		if (!cause.contains("java.library.path")
				|| PlatformDependent.getClassLoader(Quic.class).getResource(library) != null) {
			return cause;
		}
		return "io.netty:netty-codec-native-quic for " + os + "-" + arch + " is not on the classpath";
	}

	/**
	 * Stop serving gracefully: every QUIC connection gets a GOAWAY and closes once its requests in
	 * flight have ended, waited for at most the given time; then the UDP port is closed with the
	 * connections left, and the event loop released.
	 * @param timeout how long to wait
	 */
	public synchronized void stop(Duration timeout) {
		DisposableServer bound = this.server;
		ZokioLoopResources quicLoops = this.loops;
		this.server = null;
		this.loops = null;
		if (bound != null) {
			publish(this.report.in(Http3State.STOPPING));
			long deadline = System.nanoTime() + timeout.toNanos();
			List<ChannelFuture> closing = new ArrayList<>();
			for (Channel connection : this.connections) {
				closing.add(QuicShutdown.goAway(connection));
			}
			for (ChannelFuture closed : closing) {
				closed.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			bound.disposeNow(Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_DISPOSE.toNanos())));
			publish(this.report.in(Http3State.STOPPED));
		}
		if (quicLoops != null) {
			quicLoops.disposeLater(Duration.ZERO, timeout).block(timeout);
		}
		if (this.context != null) {
			ReferenceCountUtil.release(this.context);
			this.context = null;
		}
	}

	/**
	 * Return what the server does now.
	 * @return the report
	 */
	public Http3Report report() {
		return this.report;
	}

	/**
	 * Return the {@code Alt-Svc} field value HTTP/1.1 and HTTP/2 responses carry, made once each
	 * time the server's state changes rather than for each response.
	 * @return the value, or {@code null} unless HTTP/3 serves
	 */
	public @Nullable String altSvc() {
		return this.altSvc;
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public Http3Settings settings() {
		return this.settings;
	}

}
