package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.zokio.engine.buffer.BufferPoolSettings;
import io.zokio.engine.protection.MinDataRate;
import io.zokio.engine.protection.ProxyProtocolPolicy;
import io.zokio.engine.transport.ProvidedBuffers;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * The ranges of Zokio's properties, checked when they are bound so that a bad value fails the start
 * with Boot's report naming the property, the value and what is allowed, before any part of the
 * engine is built from it.
 */
final class ZokioPropertiesValidator {

	/**
	 * Event loops per available processor at most: beyond it each loop's arena, caches and stack only
	 * add memory (5,000 loops ran a 2-core machine out of memory).
	 */
	static final int MAX_EVENT_LOOPS_PER_PROCESSOR = 32;

	static final int MAX_CONNECTIONS = 10_000_000;

	static final Duration MIN_BLOCKED_LOOP_THRESHOLD = Duration.ofMillis(10);

	static final Duration MAX_BLOCKED_LOOP_THRESHOLD = Duration.ofHours(1);

	static final Duration MIN_LATENCY_WINDOW = Duration.ofSeconds(1);

	static final Duration MAX_LATENCY_WINDOW = Duration.ofHours(24);

	static final long MIN_RING_BUFFER_SIZE = 1024;

	static final long MAX_RING_BUFFER_SIZE = 1024 * 1024;

	static final long MAX_HTTP2_SETTING = 0xFFFFFFFFL;

	static final Duration MAX_DRAIN_DELAY = Duration.ofMinutes(10);

	static final int MAX_CONTROL_FRAMES = 1_000_000;

	static final Duration MIN_CONTROL_FRAME_WINDOW = Duration.ofMillis(100);

	static final Duration MAX_CONTROL_FRAME_WINDOW = Duration.ofHours(1);

	static final Duration MIN_HANDSHAKE_TIMEOUT = Duration.ofMillis(100);

	static final Duration MAX_HANDSHAKE_TIMEOUT = Duration.ofMinutes(5);

	static final int MAX_CONCURRENCY_LIMIT = 1_000_000;

	static final Duration MIN_WARMUP_DURATION = Duration.ofSeconds(1);

	static final Duration MAX_WARMUP_DURATION = Duration.ofMinutes(10);

	static final int MAX_WARMUP_CONCURRENCY = 1024;

	static final Duration MIN_HTTP3_IDLE_TIMEOUT = Duration.ofSeconds(1);

	static final Duration MAX_HTTP3_IDLE_TIMEOUT = Duration.ofHours(1);

	static final long MIN_HTTP3_DATA = 1024;

	static final long MAX_HTTP3_DATA = 1024L * 1024 * 1024;

	static final long MAX_HTTP3_STREAMS = 1_000_000;

	static final Duration MIN_ALT_SVC_MAX_AGE = Duration.ofSeconds(1);

	static final Duration MAX_ALT_SVC_MAX_AGE = Duration.ofDays(365);

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private static final String CODE = "zokio.range";

	private static final String[] UNITS = { "TB", "GB", "MB", "KB" };

	private final Errors errors;

	private final int processors;

	ZokioPropertiesValidator(Errors errors, int processors) {
		this.errors = errors;
		this.processors = processors;
	}

	void validate(ZokioProperties properties) {
		int maxLoops = MAX_EVENT_LOOPS_PER_PROCESSOR * this.processors;
		Integer loops = properties.getTransport().getEventLoopThreads();
		if (loops != null && (loops < 1 || loops > maxLoops)) {
			reject("transport.event-loop-threads", loops, "must be between 1 and " + maxLoops + " ("
					+ MAX_EVENT_LOOPS_PER_PROCESSOR + " per available processor), or unset for one per processor");
		}
		Duration blocked = properties.getTransport().getBlockedLoopThreshold();
		if (blocked == null || (!blocked.isZero() && (blocked.compareTo(MIN_BLOCKED_LOOP_THRESHOLD) < 0
				|| blocked.compareTo(MAX_BLOCKED_LOOP_THRESHOLD) > 0))) {
			reject("transport.blocked-loop-threshold", blocked, "must be between 10ms and 1h, or 0 to turn the watchdog off");
		}
		Duration window = properties.getStats().getLatencyWindow();
		if (window == null || window.compareTo(MIN_LATENCY_WINDOW) < 0 || window.compareTo(MAX_LATENCY_WINDOW) > 0) {
			reject("stats.latency-window", window, "must be between 1s and 24h");
		}
		Duration streamThreshold = properties.getStats().getStreamThreshold();
		if (streamThreshold == null || streamThreshold.isNegative()) {
			reject("stats.stream-threshold", streamThreshold, "must be zero or more");
		}
		validateBufferPool(properties.getBufferPool(), (loops != null && loops > 0) ? loops : this.processors);
		validateConnections(properties.getConnections());
		validateOverload(properties.getOverload());
		validateWarmup(properties.getWarmup());
		validateHttp3(properties.getHttp3());
		List<String> sources = properties.getProxyProtocol().getTrustedSources();
		for (int i = 0; i < sources.size(); i++) {
			try {
				ProxyProtocolPolicy.of("auto", List.of(sources.get(i)));
			}
			catch (IllegalArgumentException ex) {
				reject("proxy-protocol.trusted-sources[" + i + "]", sources.get(i),
						"must be an IP address or a CIDR range such as 10.0.0.0/8");
			}
		}
		Duration handshake = properties.getTls().getHandshakeTimeout();
		if (handshake == null || handshake.compareTo(MIN_HANDSHAKE_TIMEOUT) < 0
				|| handshake.compareTo(MAX_HANDSHAKE_TIMEOUT) > 0) {
			reject("tls.handshake-timeout", handshake, "must be between 100ms and 5m");
		}
		Duration drain = properties.getShutdown().getDrainDelay();
		if (drain == null || drain.isNegative() || drain.compareTo(MAX_DRAIN_DELAY) > 0) {
			reject("shutdown.drain-delay", drain, "must be between 0s and 10m");
		}
		ZokioProperties.Http2 http2 = properties.getHttp2();
		if (http2.getMaxConcurrentStreams() < 1 || http2.getMaxConcurrentStreams() > MAX_HTTP2_SETTING) {
			reject("http2.max-concurrent-streams", http2.getMaxConcurrentStreams(),
					"must be between 1 and " + MAX_HTTP2_SETTING);
		}
		if (http2.getMaxControlFrames() < 1 || http2.getMaxControlFrames() > MAX_CONTROL_FRAMES) {
			reject("http2.max-control-frames", http2.getMaxControlFrames(), "must be between 1 and " + MAX_CONTROL_FRAMES);
		}
		Duration controlWindow = http2.getControlFrameWindow();
		if (controlWindow == null || controlWindow.compareTo(MIN_CONTROL_FRAME_WINDOW) < 0
				|| controlWindow.compareTo(MAX_CONTROL_FRAME_WINDOW) > 0) {
			reject("http2.control-frame-window", controlWindow, "must be between 100ms and 1h");
		}
		if (outside(http2.getMaxHeaderListSize(), 1, MAX_HTTP2_SETTING)) {
			reject("http2.max-header-list-size", http2.getMaxHeaderListSize(),
					"must be between 1B and " + MAX_HTTP2_SETTING + "B");
		}
	}

	private void validateBufferPool(ZokioProperties.BufferPool pool, int loops) {
		if (outside(pool.getPreallocate(), 0, Long.MAX_VALUE)) {
			reject("buffer-pool.preallocate", pool.getPreallocate(), "must be a size of zero (none) or more");
		}
		Integer arenas = pool.getArenas();
		if (arenas != null && (arenas < 1 || arenas > loops)) {
			reject("buffer-pool.arenas", arenas, "must be between 1 and the number of event loops (" + loops
					+ "): each loop allocates from one arena, so further arenas are never used");
		}
		DataSize pageSize = pool.getPageSize();
		boolean pageValid = pageSize != null && BufferPoolSettings.isPageSize(pageSize.toBytes());
		if (!pageValid) {
			reject("buffer-pool.page-size", pageSize, "must be a power of two between 4KB and 1GB");
		}
		DataSize chunkSize = pool.getChunkSize();
		if (chunkSize == null || !BufferPoolSettings.isPageSize(chunkSize.toBytes())) {
			reject("buffer-pool.chunk-size", chunkSize, "must be a power of two between 4KB and 1GB");
		}
		else if (pageValid && !BufferPoolSettings.isChunkSize(chunkSize.toBytes(), pageSize.toBytes())) {
			reject("buffer-pool.chunk-size", chunkSize, "must be between the page size (" + format(pageSize) + ") and 2^"
					+ BufferPoolSettings.MAX_ORDER + " pages (" + format(DataSize.ofBytes(Math.min(
							pageSize.toBytes() << BufferPoolSettings.MAX_ORDER, BufferPoolSettings.MAX_CHUNK_SIZE)))
					+ ")");
		}
		ZokioProperties.BufferPool.ThreadCache cache = pool.getThreadCache();
		if (cache.getSmallSize() < 0) {
			reject("buffer-pool.thread-cache.small-size", cache.getSmallSize(), "must be zero (no cache) or more");
		}
		if (cache.getNormalSize() < 0) {
			reject("buffer-pool.thread-cache.normal-size", cache.getNormalSize(), "must be zero (no cache) or more");
		}
		ZokioProperties.BufferPool.Ring ring = pool.getRing();
		Integer buffers = ring.getBuffers();
		if (buffers != null && !ProvidedBuffers.isBufferCount(buffers)) {
			reject("buffer-pool.ring.buffers", buffers,
					"must be a power of two between " + ProvidedBuffers.MIN_BUFFERS + " and " + ProvidedBuffers.MAX_BUFFERS);
		}
		if (outside(ring.getBufferSize(), MIN_RING_BUFFER_SIZE, MAX_RING_BUFFER_SIZE)) {
			reject("buffer-pool.ring.buffer-size", ring.getBufferSize(), "must be between 1KB and 1MB");
		}
	}

	private void validateConnections(ZokioProperties.Connections connections) {
		Integer max = connections.getMax();
		if (max != null && max != -1 && (max < 1 || max > MAX_CONNECTIONS)) {
			reject("connections.max", max, "must be between 1 and " + MAX_CONNECTIONS + ", or -1 for no limit");
		}
		rejectNegative("connections.request-header-timeout", connections.getRequestHeaderTimeout());
		rejectNegative("connections.request-body-timeout", connections.getRequestBodyTimeout());
		rejectNegative("connections.write-timeout", connections.getWriteTimeout());
		rejectNegative("connections.default-idle-timeout", connections.getDefaultIdleTimeout());
		if (outside(connections.getMaxRequestBodySize(), -1, Long.MAX_VALUE)) {
			reject("connections.max-request-body-size", connections.getMaxRequestBodySize(),
					"must be a size of zero or more, or -1 for no limit");
		}
		validateRate("connections.min-request-body-rate", connections.getMinRequestBodyRate());
		validateRate("connections.min-response-rate", connections.getMinResponseRate());
	}

	private void validateOverload(OverloadProperties overload) {
		int max = overload.getMaxLimit();
		if (max < 1 || max > MAX_CONCURRENCY_LIMIT) {
			reject("overload.max-limit", max, "must be between 1 and " + MAX_CONCURRENCY_LIMIT);
		}
		int min = overload.minLimit();
		if (min < 1 || min > max) {
			reject("overload.min-limit", min, "must be between 1 and overload.max-limit (" + max + ")");
		}
		int initial = overload.initialLimit();
		if (overload.getInitialLimit() != null && (initial < min || initial > max)) {
			reject("overload.initial-limit", initial,
					"must be between overload.min-limit (" + min + ") and overload.max-limit (" + max + ")");
		}
		for (int i = 0; i < overload.getExemptPaths().size(); i++) {
			String path = overload.getExemptPaths().get(i);
			if (path == null || !path.startsWith("/") || path.indexOf('?') >= 0) {
				reject("overload.exempt-paths[" + i + "]", path, "must be a path that starts with / and has no query");
			}
		}
		OverloadProperties.Gradient2 gradient2 = overload.getGradient2();
		if (gradient2.getQueueSize() < 0) {
			reject("overload.gradient2.queue-size", gradient2.getQueueSize(), "must be zero or more");
		}
		if (!(gradient2.getRttTolerance() >= 1.0) || Double.isInfinite(gradient2.getRttTolerance())) {
			reject("overload.gradient2.rtt-tolerance", gradient2.getRttTolerance(), "must be at least 1.0");
		}
		rejectOutsideUnit("overload.gradient2.smoothing", gradient2.getSmoothing());
		if (gradient2.getLongWindow() < 1) {
			reject("overload.gradient2.long-window", gradient2.getLongWindow(), "must be at least 1");
		}
		rejectOutsideUnit("overload.vegas.smoothing", overload.getVegas().getSmoothing());
		if (overload.getVegas().getProbeMultiplier() < 1) {
			reject("overload.vegas.probe-multiplier", overload.getVegas().getProbeMultiplier(), "must be at least 1");
		}
		double backoff = overload.getAimd().getBackoffRatio();
		if (!(backoff >= 0.5 && backoff < 1.0)) {
			reject("overload.aimd.backoff-ratio", backoff, "must be at least 0.5 and below 1.0");
		}
		Duration timeout = overload.getAimd().getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			reject("overload.aimd.timeout", timeout, "must be positive");
		}
	}

	private void validateWarmup(WarmupProperties warmup) {
		Duration duration = warmup.getDuration();
		if (duration == null || duration.compareTo(MIN_WARMUP_DURATION) < 0 || duration.compareTo(MAX_WARMUP_DURATION) > 0) {
			reject("warmup.duration", duration, "must be between 1s and 10m");
		}
		if (warmup.getMaxRequests() < 1) {
			reject("warmup.max-requests", warmup.getMaxRequests(), "must be at least 1");
		}
		Integer concurrency = warmup.getConcurrency();
		if (concurrency != null && (concurrency < 1 || concurrency > MAX_WARMUP_CONCURRENCY)) {
			reject("warmup.concurrency", concurrency, "must be between 1 and " + MAX_WARMUP_CONCURRENCY);
		}
		for (int i = 0; i < warmup.getRequests().size(); i++) {
			WarmupProperties.Request request = warmup.getRequests().get(i);
			String method = request.getMethod();
			if (method == null || !TOKEN.matcher(method).matches()) {
				reject("warmup.requests[" + i + "].method", method, "must be an HTTP method such as GET");
			}
			String path = request.getPath();
			if (path == null || !path.startsWith("/")) {
				reject("warmup.requests[" + i + "].path", path, "must be a path that starts with /");
			}
		}
	}

	private void validateHttp3(ZokioProperties.Http3 http3) {
		Duration idle = http3.getIdleTimeout();
		if (idle == null || idle.compareTo(MIN_HTTP3_IDLE_TIMEOUT) < 0 || idle.compareTo(MAX_HTTP3_IDLE_TIMEOUT) > 0) {
			reject("http3.idle-timeout", idle, "must be between 1s and 1h");
		}
		if (outside(http3.getMaxData(), MIN_HTTP3_DATA, MAX_HTTP3_DATA)) {
			reject("http3.max-data", http3.getMaxData(), "must be between 1KB and 1GB");
		}
		DataSize maxData = http3.getMaxData();
		long streamCeiling = (maxData != null) ? Math.min(Math.max(maxData.toBytes(), MIN_HTTP3_DATA), MAX_HTTP3_DATA)
				: MAX_HTTP3_DATA;
		if (outside(http3.getMaxStreamData(), MIN_HTTP3_DATA, streamCeiling)) {
			reject("http3.max-stream-data", http3.getMaxStreamData(),
					"must be between 1KB and http3.max-data (" + format(DataSize.ofBytes(streamCeiling)) + ")");
		}
		if (http3.getMaxStreams() < 1 || http3.getMaxStreams() > MAX_HTTP3_STREAMS) {
			reject("http3.max-streams", http3.getMaxStreams(), "must be between 1 and " + MAX_HTTP3_STREAMS);
		}
		Duration maxAge = http3.getAltSvcMaxAge();
		if (maxAge == null || maxAge.compareTo(MIN_ALT_SVC_MAX_AGE) < 0 || maxAge.compareTo(MAX_ALT_SVC_MAX_AGE) > 0) {
			reject("http3.alt-svc-max-age", maxAge, "must be between 1s and 365d");
		}
	}

	private void rejectOutsideUnit(String property, double value) {
		if (!(value > 0.0 && value <= 1.0)) {
			reject(property, value, "must be above 0 and at most 1");
		}
	}

	private void validateRate(String property, ZokioProperties.Connections.MinRate rate) {
		if (rate.getBytesPerSecond() < 0) {
			reject(property + ".bytes-per-second", rate.getBytesPerSecond(), "must be zero (off) or positive");
		}
		Duration grace = rate.getGracePeriod();
		if (grace == null || grace.compareTo(MinDataRate.MIN_GRACE_PERIOD) < 0) {
			reject(property + ".grace-period", grace, "must be at least 1s");
		}
	}

	private void rejectNegative(String property, @Nullable Duration duration) {
		if (duration == null || duration.isNegative()) {
			reject(property, duration, "must be zero (off) or positive");
		}
	}

	private static boolean outside(@Nullable DataSize size, long min, long max) {
		return size == null || size.toBytes() < min || size.toBytes() > max;
	}

	/**
	 * Report a value out of range under the property's own name, as it is written in
	 * {@code application.yml}, and the value in the same units; an {@link Errors} that does not
	 * collect field errors by name gets a global error instead.
	 * @param property the property's name below {@code zokio}, in dashed form
	 * @param value the value bound
	 * @param reason what the property allows
	 */
	private void reject(String property, @Nullable Object value, String reason) {
		String shown = format(value);
		if (this.errors instanceof BindingResult result) {
			result.addError(new FieldError(result.getObjectName(), property, shown, false, new String[] { CODE }, null,
					reason));
		}
		else {
			this.errors.reject(CODE, "zokio." + property + "=" + shown + ": " + reason);
		}
	}

	static String format(@Nullable Object value) {
		if (value instanceof Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}
		if (value instanceof DataSize size) {
			long bytes = size.toBytes();
			for (int i = 0; i < UNITS.length; i++) {
				long unit = 1L << (10 * (UNITS.length - i));
				if (bytes != 0 && bytes % unit == 0) {
					return (bytes / unit) + UNITS[i];
				}
			}
			return bytes + "B";
		}
		return String.valueOf(value);
	}

}
