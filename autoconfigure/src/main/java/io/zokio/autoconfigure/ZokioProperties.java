package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zokio.engine.protection.MinDataRate;
import io.zokio.engine.tls.TlsMode;
import io.zokio.engine.transport.TransportMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the Zokio engine. They validate themselves when bound, so that a value
 * out of range fails the start with Boot's report naming the property and what it allows.
 */
@ConfigurationProperties("zokio")
public class ZokioProperties implements Validator {

	/**
	 * Whether to enable the Zokio engine. When disabled, Zokio configures nothing and the server runs as Spring
	 * Boot sets it up; Reactor Netty then picks its transport from the classpath, where the starter has put
	 * io_uring.
	 */
	private boolean enabled = true;

	private final Transport transport = new Transport();

	private final Stats stats = new Stats();

	private final BufferPool bufferPool = new BufferPool();

	private final Connections connections = new Connections();

	private final Http2 http2 = new Http2();

	private final Shutdown shutdown = new Shutdown();

	private final Tls tls = new Tls();

	private final Http3 http3 = new Http3();

	private final ProxyProtocol proxyProtocol = new ProxyProtocol();

	@NestedConfigurationProperty
	private final OverloadProperties overload = new OverloadProperties();

	@NestedConfigurationProperty
	private final WarmupProperties warmup = new WarmupProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public Stats getStats() {
		return this.stats;
	}

	public BufferPool getBufferPool() {
		return this.bufferPool;
	}

	public Connections getConnections() {
		return this.connections;
	}

	public Http2 getHttp2() {
		return this.http2;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Tls getTls() {
		return this.tls;
	}

	public Http3 getHttp3() {
		return this.http3;
	}

	public OverloadProperties getOverload() {
		return this.overload;
	}

	public ProxyProtocol getProxyProtocol() {
		return this.proxyProtocol;
	}

	public WarmupProperties getWarmup() {
		return this.warmup;
	}

	/**
	 * Shutdown settings.
	 */
	public static class Shutdown {

		/**
		 * How long the server keeps serving after readiness turned to REFUSING_TRAFFIC and before
		 * Boot's graceful shutdown begins, so that load balancers and Kubernetes notice and stop
		 * sending requests: set it to the balancer's health check interval or the readiness probe
		 * period. Keep it below spring.lifecycle.timeout-per-shutdown-phase.
		 */
		private Duration drainDelay = Duration.ZERO;

		public Duration getDrainDelay() {
			return this.drainDelay;
		}

		public void setDrainDelay(Duration drainDelay) {
			this.drainDelay = drainDelay;
		}

	}

	/**
	 * HTTP/3 settings: a QUIC server on the application server's port (UDP), beside HTTP/1.1 and
	 * HTTP/2, with the same key material.
	 */
	public static class Http3 {

		/**
		 * Whether to serve HTTP/3 on the server's port (UDP) and advertise it with Alt-Svc on
		 * HTTP/1.1 and HTTP/2 responses. Needs TLS (server.ssl.* or server.ssl.bundle).
		 */
		private boolean enabled;

		/**
		 * Whether to fail startup when HTTP/3 cannot be served (the native QUIC library does not
		 * load, the QUIC TLS context cannot be built, or the UDP port cannot be bound), instead of
		 * serving HTTP/1.1 and HTTP/2 without it.
		 */
		private boolean required;

		/**
		 * How long a QUIC connection may stay without traffic before it is closed (QUIC's
		 * max_idle_timeout). The same as the default idle timeout of HTTP/1.1 and HTTP/2.
		 */
		private Duration idleTimeout = Duration.ofSeconds(30);

		/**
		 * Bytes a client may have in flight on one connection, all streams together (QUIC's
		 * initial_max_data). Reactor Netty's default is 0, which lets nothing flow.
		 */
		private DataSize maxData = DataSize.ofMegabytes(10);

		/**
		 * Bytes a client may have in flight on one request stream (QUIC's
		 * initial_max_stream_data_bidi_remote and _local).
		 */
		private DataSize maxStreamData = DataSize.ofMegabytes(1);

		/**
		 * Request streams a client may have open at once on one connection (QUIC's
		 * initial_max_streams_bidi), as HTTP/2's max concurrent streams.
		 */
		private long maxStreams = 100;

		/**
		 * How long a client may remember that the server speaks HTTP/3 (the ma parameter of the
		 * Alt-Svc field).
		 */
		private Duration altSvcMaxAge = Duration.ofHours(24);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public DataSize getMaxData() {
			return this.maxData;
		}

		public void setMaxData(DataSize maxData) {
			this.maxData = maxData;
		}

		public DataSize getMaxStreamData() {
			return this.maxStreamData;
		}

		public void setMaxStreamData(DataSize maxStreamData) {
			this.maxStreamData = maxStreamData;
		}

		public long getMaxStreams() {
			return this.maxStreams;
		}

		public void setMaxStreams(long maxStreams) {
			this.maxStreams = maxStreams;
		}

		public Duration getAltSvcMaxAge() {
			return this.altSvcMaxAge;
		}

		public void setAltSvcMaxAge(Duration altSvcMaxAge) {
			this.altSvcMaxAge = altSvcMaxAge;
		}

	}

	/**
	 * TLS settings, applied to the server's own SSL configuration ({@code server.ssl.*},
	 * {@code server.ssl.bundle}, {@code spring.ssl.bundle.*}).
	 */
	public static class Tls {

		/**
		 * TLS implementation to try first: auto (native OpenSSL when it loads, initialises with the
		 * server's key material and completes a self-handshake, else the JDK), openssl, or jdk.
		 */
		private TlsMode provider = TlsMode.AUTO;

		/**
		 * Whether to fail startup instead of falling back to the JDK's TLS when native OpenSSL
		 * cannot be used.
		 */
		private boolean requireNative;

		/**
		 * How long a connection may take from accept to the end of its TLS handshake before it is
		 * closed and counted as a timeout. Also bounds the self-handshake at startup.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		public TlsMode getProvider() {
			return this.provider;
		}

		public void setProvider(TlsMode provider) {
			this.provider = provider;
		}

		public boolean isRequireNative() {
			return this.requireNative;
		}

		public void setRequireNative(boolean requireNative) {
			this.requireNative = requireNative;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

	}

	/**
	 * PROXY protocol settings: the client's address as a load balancer passes it in front of the
	 * connection.
	 */
	public static class ProxyProtocol {

		/**
		 * Whether connections start with a PROXY protocol header (v1 or v2), as HAProxy's send-proxy
		 * and cloud network load balancers send it: off, on (required: a connection without one is
		 * closed), or auto (taken when present). The application then sees the client's address.
		 */
		private Mode mode = Mode.OFF;

		/**
		 * Addresses or CIDR ranges (10.0.0.0/8, ::1) of the load balancers whose headers are
		 * taken; a header from any other peer is refused. Empty takes every peer's header, which
		 * lets any client that reaches the port claim any address.
		 */
		private List<String> trustedSources = new ArrayList<>();

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public List<String> getTrustedSources() {
			return this.trustedSources;
		}

		public void setTrustedSources(List<String> trustedSources) {
			this.trustedSources = trustedSources;
		}

		/**
		 * Whether connections start with a PROXY protocol header.
		 */
		public enum Mode {

			/**
			 * No PROXY protocol: a connection that starts with a header is an HTTP error.
			 */
			OFF,

			/**
			 * Every connection starts with a PROXY protocol header; one without is closed.
			 */
			ON,

			/**
			 * A connection may start with a PROXY protocol header, which is then taken.
			 */
			AUTO

		}

	}

	@Override
	public boolean supports(Class<?> type) {
		return ZokioProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		new ZokioPropertiesValidator(errors, Runtime.getRuntime().availableProcessors()).validate((ZokioProperties) target);
	}

	/**
	 * Transport settings.
	 */
	public static class Transport {

		/**
		 * Transport to try first. Others follow in the automatic order, NIO last.
		 */
		private TransportMode mode = TransportMode.AUTO;

		/**
		 * Whether to fail startup instead of falling back to NIO when no native transport works.
		 */
		private boolean requireNative;

		/**
		 * Number of event loop threads. Defaults to the number of available processors.
		 */
		private @Nullable Integer eventLoopThreads;

		/**
		 * How long a task may wait for its event loop before the loop counts as blocked: one WARN with
		 * the loop's stack trace, counted in the endpoint's eventLoops and in zokio.eventloop.blocked.
		 * Zero turns the watchdog off.
		 */
		private Duration blockedLoopThreshold = Duration.ofSeconds(1);

		public TransportMode getMode() {
			return this.mode;
		}

		public void setMode(TransportMode mode) {
			this.mode = mode;
		}

		public boolean isRequireNative() {
			return this.requireNative;
		}

		public void setRequireNative(boolean requireNative) {
			this.requireNative = requireNative;
		}

		public @Nullable Integer getEventLoopThreads() {
			return this.eventLoopThreads;
		}

		public void setEventLoopThreads(@Nullable Integer eventLoopThreads) {
			this.eventLoopThreads = eventLoopThreads;
		}

		public Duration getBlockedLoopThreshold() {
			return this.blockedLoopThreshold;
		}

		public void setBlockedLoopThreshold(Duration blockedLoopThreshold) {
			this.blockedLoopThreshold = blockedLoopThreshold;
		}

	}

	/**
	 * Connection statistics settings.
	 */
	public static class Stats {

		/**
		 * Whether to record connection and request statistics.
		 */
		private boolean enabled = true;

		/**
		 * Length of the sliding window over which latency percentiles are computed.
		 */
		private Duration latencyWindow = Duration.ofSeconds(60);

		/**
		 * How long a response of unknown length (chunked, or without Content-Length on HTTP/2) is
		 * written, from its head, before it counts as a stream rather than a request: streams are
		 * left out of the latency percentiles and counted apart. Server-sent events and upgrades
		 * (WebSocket) are streams from their head on.
		 */
		private Duration streamThreshold = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getLatencyWindow() {
			return this.latencyWindow;
		}

		public void setLatencyWindow(Duration latencyWindow) {
			this.latencyWindow = latencyWindow;
		}

		public Duration getStreamThreshold() {
			return this.streamThreshold;
		}

		public void setStreamThreshold(Duration streamThreshold) {
			this.streamThreshold = streamThreshold;
		}

	}

	/**
	 * Buffer pool settings.
	 */
	public static class BufferPool {

		/**
		 * Memory to reserve before the first request and keep. A request within the budget (half of
		 * the direct memory the JVM and the container leave) is granted whole, one above it is shrunk
		 * to it in whole chunks, and one above all that memory is taken for a typo and granted a
		 * quarter.
		 */
		private DataSize preallocate = DataSize.ofMegabytes(16);

		/**
		 * Whether to pool direct (off-heap) memory rather than heap memory.
		 */
		private boolean direct = true;

		/**
		 * Number of arenas. Defaults to the number of event loop threads, so each has its own.
		 */
		private @Nullable Integer arenas;

		/**
		 * Page size: the unit of allocation within a chunk. A power of two of at least 4KB.
		 */
		private DataSize pageSize = DataSize.ofKilobytes(8);

		/**
		 * Chunk size: the unit the pool takes from the system. The page size times a power of two.
		 */
		private DataSize chunkSize = DataSize.ofMegabytes(4);

		/**
		 * Whether to fail startup when the requested pool cannot be reserved, instead of shrinking it or
		 * falling back to heap buffers.
		 */
		private boolean failFast;

		private final ThreadCache threadCache = new ThreadCache();

		private final Ring ring = new Ring();

		public DataSize getPreallocate() {
			return this.preallocate;
		}

		public void setPreallocate(DataSize preallocate) {
			this.preallocate = preallocate;
		}

		public boolean isDirect() {
			return this.direct;
		}

		public void setDirect(boolean direct) {
			this.direct = direct;
		}

		public @Nullable Integer getArenas() {
			return this.arenas;
		}

		public void setArenas(@Nullable Integer arenas) {
			this.arenas = arenas;
		}

		public DataSize getPageSize() {
			return this.pageSize;
		}

		public void setPageSize(DataSize pageSize) {
			this.pageSize = pageSize;
		}

		public DataSize getChunkSize() {
			return this.chunkSize;
		}

		public void setChunkSize(DataSize chunkSize) {
			this.chunkSize = chunkSize;
		}

		public boolean isFailFast() {
			return this.failFast;
		}

		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

		public ThreadCache getThreadCache() {
			return this.threadCache;
		}

		public Ring getRing() {
			return this.ring;
		}

		/**
		 * Read buffer ring settings: on io_uring, each event loop lends the kernel a ring of buffers
		 * from the pool, which it fills only when data arrives.
		 */
		public static class Ring {

			/**
			 * Whether io_uring reads into a ring of buffers from the pool rather than into a buffer
			 * allocated for each pending read.
			 */
			private boolean enabled = true;

			/**
			 * Most buffers in each event loop's ring, a power of two from 16 to 16384. Defaults to
			 * what fits half of the pre-allocated memory (at least 4MB) shared among the arenas.
			 */
			private @Nullable Integer buffers;

			/**
			 * Size of each buffer of the ring: the most one read of a connection takes. A busy
			 * connection holds about one read's worth of the pool until its answer is written, so
			 * larger buffers take more of the pool in a burst of uploads, for fewer reads.
			 */
			private DataSize bufferSize = DataSize.ofKilobytes(8);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable Integer getBuffers() {
				return this.buffers;
			}

			public void setBuffers(@Nullable Integer buffers) {
				this.buffers = buffers;
			}

			public DataSize getBufferSize() {
				return this.bufferSize;
			}

			public void setBufferSize(DataSize bufferSize) {
				this.bufferSize = bufferSize;
			}

		}

		/**
		 * Per-thread cache settings.
		 */
		public static class ThreadCache {

			/**
			 * Whether event loop threads cache recently freed buffers.
			 */
			private boolean enabled = true;

			/**
			 * Number of buffers of each small size (below 28KB) cached per thread.
			 */
			private int smallSize = 256;

			/**
			 * Number of buffers of each normal size (up to 32KB) cached per thread.
			 */
			private int normalSize = 64;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public int getSmallSize() {
				return this.smallSize;
			}

			public void setSmallSize(int smallSize) {
				this.smallSize = smallSize;
			}

			public int getNormalSize() {
				return this.normalSize;
			}

			public void setNormalSize(int normalSize) {
				this.normalSize = normalSize;
			}

		}

	}

	/**
	 * Limits on the application server's connections.
	 */
	public static class Connections {

		/**
		 * Most connections open at once; new ones over it are refused. Defaults to half the process's
		 * file descriptor limit, at most 10000. -1 for no limit.
		 */
		private @Nullable Integer max;

		/**
		 * How long a request's headers may take from their first byte before the server answers 408
		 * and closes. 0 for no limit.
		 */
		private Duration requestHeaderTimeout = Duration.ofSeconds(10);

		/**
		 * How long a request body may stall between two reads before the connection is cut. 0 for no
		 * limit.
		 */
		private Duration requestBodyTimeout = Duration.ofSeconds(30);

		/**
		 * How long a response may make no progress towards a client that does not read before the
		 * connection is cut. 0 for no limit.
		 */
		private Duration writeTimeout = Duration.ofSeconds(30);

		/**
		 * How long a connection may wait for its next request (on HTTP/2, with no stream open)
		 * before it is closed, when server.netty.idle-timeout is not set. 0 for none.
		 */
		private Duration defaultIdleTimeout = Duration.ofSeconds(30);

		/**
		 * Largest request body accepted, declared or streamed, on HTTP/1.1 and on each HTTP/2 stream;
		 * larger ones get 413 and are closed. -1 for no limit.
		 */
		private DataSize maxRequestBodySize = DataSize.ofMegabytes(10);

		/**
		 * Slowest a request body may arrive, on HTTP/1.1 and on each HTTP/2 stream, counted only
		 * while the server reads it (not while the application holds the body back); a slower one
		 * gets 408 and its connection (on HTTP/2, its stream) is closed.
		 */
		private final MinRate minRequestBodyRate = new MinRate();

		/**
		 * Slowest a client may take the responses the server has ready for it, counted only while
		 * they wait to be written; a slower client's connection is cut.
		 */
		private final MinRate minResponseRate = new MinRate();

		public @Nullable Integer getMax() {
			return this.max;
		}

		public void setMax(@Nullable Integer max) {
			this.max = max;
		}

		public Duration getRequestHeaderTimeout() {
			return this.requestHeaderTimeout;
		}

		public void setRequestHeaderTimeout(Duration requestHeaderTimeout) {
			this.requestHeaderTimeout = requestHeaderTimeout;
		}

		public Duration getRequestBodyTimeout() {
			return this.requestBodyTimeout;
		}

		public void setRequestBodyTimeout(Duration requestBodyTimeout) {
			this.requestBodyTimeout = requestBodyTimeout;
		}

		public Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

		public Duration getDefaultIdleTimeout() {
			return this.defaultIdleTimeout;
		}

		public void setDefaultIdleTimeout(Duration defaultIdleTimeout) {
			this.defaultIdleTimeout = defaultIdleTimeout;
		}

		/**
		 * Return the idle timeout the server applies: Boot's when set, else Zokio's default.
		 * @param bootIdleTimeout {@code server.netty.idle-timeout}, or {@code null}
		 * @return the idle timeout, zero for none
		 */
		Duration idleTimeout(@Nullable Duration bootIdleTimeout) {
			return (bootIdleTimeout != null) ? bootIdleTimeout : this.defaultIdleTimeout;
		}

		public DataSize getMaxRequestBodySize() {
			return this.maxRequestBodySize;
		}

		public void setMaxRequestBodySize(DataSize maxRequestBodySize) {
			this.maxRequestBodySize = maxRequestBodySize;
		}

		public MinRate getMinRequestBodyRate() {
			return this.minRequestBodyRate;
		}

		public MinRate getMinResponseRate() {
			return this.minResponseRate;
		}

		/**
		 * A minimum data rate, as Kestrel measures it: the bytes moved over the time counted,
		 * averaged from the start, once that time has passed the grace period.
		 */
		public static class MinRate {

			/**
			 * Minimum rate in bytes per second. 0 for no minimum.
			 */
			private long bytesPerSecond = MinDataRate.DEFAULT.bytesPerSecond();

			/**
			 * How long the rate is not checked after the data starts moving. At least 1s.
			 */
			private Duration gracePeriod = MinDataRate.DEFAULT.gracePeriod();

			public long getBytesPerSecond() {
				return this.bytesPerSecond;
			}

			public void setBytesPerSecond(long bytesPerSecond) {
				this.bytesPerSecond = bytesPerSecond;
			}

			public Duration getGracePeriod() {
				return this.gracePeriod;
			}

			public void setGracePeriod(Duration gracePeriod) {
				this.gracePeriod = gracePeriod;
			}

			MinDataRate toRate() {
				return new MinDataRate(this.bytesPerSecond, this.gracePeriod);
			}

		}

	}

	/**
	 * HTTP/2 settings the server advertises, and its limits on what clients send, when server.http2.enabled
	 * is set.
	 */
	public static class Http2 {

		/**
		 * Most streams a client may have open at once on one connection; further ones are refused.
		 */
		private long maxConcurrentStreams = 100;

		/**
		 * Largest header list (decoded, as HTTP/2 counts it) a request may carry.
		 */
		private DataSize maxHeaderListSize = DataSize.ofKilobytes(8);

		/**
		 * Most control frames (SETTINGS, PING, RST_STREAM, PRIORITY, and empty DATA that does not
		 * end its stream) a client may send on one connection within the control frame window; a
		 * connection that sends more is answered with GOAWAY ENHANCE_YOUR_CALM and closed.
		 */
		private int maxControlFrames = 1000;

		/**
		 * Window over which control frames are counted.
		 */
		private Duration controlFrameWindow = Duration.ofSeconds(10);

		public long getMaxConcurrentStreams() {
			return this.maxConcurrentStreams;
		}

		public void setMaxConcurrentStreams(long maxConcurrentStreams) {
			this.maxConcurrentStreams = maxConcurrentStreams;
		}

		public DataSize getMaxHeaderListSize() {
			return this.maxHeaderListSize;
		}

		public void setMaxHeaderListSize(DataSize maxHeaderListSize) {
			this.maxHeaderListSize = maxHeaderListSize;
		}

		public int getMaxControlFrames() {
			return this.maxControlFrames;
		}

		public void setMaxControlFrames(int maxControlFrames) {
			this.maxControlFrames = maxControlFrames;
		}

		public Duration getControlFrameWindow() {
			return this.controlFrameWindow;
		}

		public void setControlFrameWindow(Duration controlFrameWindow) {
			this.controlFrameWindow = controlFrameWindow;
		}

	}

}
