package io.zokio.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.docs.MeterDocumentation;
import org.jspecify.annotations.Nullable;

/**
 * The meters of the Zokio engine.
 */
public enum ZokioMeters implements MeterDocumentation {

	/**
	 * Live connections of the application server.
	 */
	CONNECTIONS_ACTIVE("zokio.connections.active", Meter.Type.GAUGE, null,
			"Live connections of the application server"),

	/**
	 * Live connections per state.
	 */
	CONNECTIONS_STATES("zokio.connections.states", Meter.Type.GAUGE, null,
			"Live connections per state", ZokioKeyNames.STATE),

	/**
	 * Connections accepted since start, including rejected ones.
	 */
	CONNECTIONS_ACCEPTED("zokio.connections.accepted", Meter.Type.COUNTER, null,
			"Connections accepted since start, including rejected ones"),

	/**
	 * Connections closed since start, per reason.
	 */
	CONNECTIONS_CLOSED("zokio.connections.closed", Meter.Type.COUNTER, null,
			"Connections closed since start, per reason", ZokioKeyNames.REASON),

	/**
	 * Failed attempts to accept a connection, each followed by a pause in accepting.
	 */
	ACCEPT_FAILURES("zokio.connections.accept.failures", Meter.Type.COUNTER, null,
			"Failed attempts to accept a connection, each followed by a pause in accepting"),

	/**
	 * Requests received since start.
	 */
	REQUESTS("zokio.requests", Meter.Type.COUNTER, null, "Requests received since start"),

	/**
	 * Requests received and not yet answered.
	 */
	REQUESTS_ACTIVE("zokio.requests.active", Meter.Type.GAUGE, null, "Requests received and not yet answered"),

	/**
	 * Requests that could not be decoded.
	 */
	REQUESTS_DECODE_ERRORS("zokio.requests.decode.errors", Meter.Type.COUNTER, null,
			"Requests that could not be decoded"),

	/**
	 * Request latency, from the first request byte read to the last response byte written, streams
	 * left out: a timer with a percentile histogram that Prometheus can aggregate, shaped by
	 * {@code management.metrics.distribution.*} for {@code zokio.requests}.
	 */
	REQUESTS_LATENCY("zokio.requests.latency", Meter.Type.TIMER, "seconds",
			"Request latency, first byte read to last byte written, streams left out"),

	/**
	 * Time to the response head, from the first request byte read to the final response's head
	 * written, streams included: the server's time to answer, which latency objectives mean.
	 */
	REQUESTS_HEAD("zokio.requests.head", Meter.Type.TIMER, "seconds",
			"Time to the response head, first byte read to final response head written"),

	/**
	 * Streams (server-sent events and upgrades from their head on, responses of unknown length
	 * written for longer than {@code zokio.stats.stream-threshold}): a timer of their durations, to
	 * their last byte written or their connection closed.
	 */
	STREAMS("zokio.streams", Meter.Type.TIMER, "seconds", "Ended streams and their durations"),

	/**
	 * Server-sent event streams and upgraded connections open now.
	 */
	STREAMS_ACTIVE("zokio.streams.active", Meter.Type.GAUGE, null,
			"Server-sent event streams and upgraded connections open now"),

	/**
	 * Responses since start, per status class.
	 */
	RESPONSES("zokio.responses", Meter.Type.COUNTER, null, "Responses since start, per status class",
			ZokioKeyNames.STATUS),

	/**
	 * Requests the server answered itself (and closed, all but {@code concurrencyLimit}), per reason.
	 */
	REQUESTS_REFUSED("zokio.requests.refused", Meter.Type.COUNTER, null,
			"Requests the server answered itself, per reason", ZokioKeyNames.REASON),

	/**
	 * Requests answered {@code 503} at once because the server was at its concurrency limit, per
	 * reason ({@code overload}).
	 */
	REQUESTS_SHED("zokio.requests.shed", Meter.Type.COUNTER, null,
			"Requests answered 503 at once because the server was at its limit, per reason", ZokioKeyNames.REASON),

	/**
	 * The concurrency limit of the server's requests: the most served at once now.
	 */
	OVERLOAD_LIMIT("zokio.overload.limit", Meter.Type.GAUGE, null,
			"The concurrency limit of the server's requests: the most served at once now"),

	/**
	 * Requests that hold a slot of the concurrency limit now.
	 */
	OVERLOAD_IN_FLIGHT("zokio.overload.inflight", Meter.Type.GAUGE, null,
			"Requests that hold a slot of the concurrency limit now"),

	/**
	 * TLS handshakes since start, per outcome and, for failures, per class of causes.
	 */
	TLS_HANDSHAKES("zokio.tls.handshakes", Meter.Type.COUNTER, null,
			"TLS handshakes since start, per outcome and class of causes", ZokioKeyNames.OUTCOME,
			ZokioKeyNames.CAUSE),

	/**
	 * Completed TLS handshakes since start, per negotiated version.
	 */
	TLS_VERSIONS("zokio.tls.versions", Meter.Type.COUNTER, null,
			"Completed TLS handshakes since start, per negotiated version", ZokioKeyNames.VERSION),

	/**
	 * Completed TLS handshakes since start, per protocol ALPN chose.
	 */
	TLS_ALPN("zokio.tls.alpn", Meter.Type.COUNTER, null, "Completed TLS handshakes since start, per ALPN protocol",
			ZokioKeyNames.PROTOCOL),

	/**
	 * Completed TLS handshakes since start that resumed an earlier session.
	 */
	TLS_RESUMED("zokio.tls.resumed", Meter.Type.COUNTER, null,
			"Completed TLS handshakes since start that resumed an earlier session"),

	/**
	 * Time of completed TLS handshakes, from accept to the end of the handshake: a timer with a
	 * percentile histogram, shaped by {@code management.metrics.distribution.*} for
	 * {@code zokio.tls.handshake}.
	 */
	TLS_HANDSHAKE_LATENCY("zokio.tls.handshake.latency", Meter.Type.TIMER, "seconds",
			"Time of completed TLS handshakes, accept to handshake end"),

	/**
	 * The TLS implementation the server runs: always 1, tagged with the implementation, the
	 * requested mode and whether an implementation tried first failed.
	 */
	TLS_PROVIDER("zokio.tls.provider", Meter.Type.GAUGE, null, "The TLS implementation the server runs (always 1)",
			ZokioKeyNames.PROVIDER, ZokioKeyNames.REQUESTED, ZokioKeyNames.FALLBACK),

	/**
	 * HTTP/2 GOAWAY frames sent, per error code.
	 */
	HTTP2_GOAWAY_SENT("zokio.http2.goaway.sent", Meter.Type.COUNTER, null, "HTTP/2 GOAWAY frames sent, per error code",
			ZokioKeyNames.ERROR),

	/**
	 * Bytes read from the application server's sockets.
	 */
	BYTES_READ("zokio.data.read", Meter.Type.COUNTER, BaseUnits.BYTES,
			"Bytes read from the application server's sockets"),

	/**
	 * Bytes written to the application server's sockets.
	 */
	BYTES_WRITTEN("zokio.data.written", Meter.Type.COUNTER, BaseUnits.BYTES,
			"Bytes written to the application server's sockets"),

	/**
	 * Memory the buffer pool reserved at startup and keeps.
	 */
	BUFFER_POOL_PREALLOCATED("zokio.buffer.pool.preallocated", Meter.Type.GAUGE, BaseUnits.BYTES,
			"Memory the buffer pool reserved at startup and keeps"),

	/**
	 * Requests and connections refused because direct memory ran out.
	 */
	BUFFER_POOL_EXHAUSTED("zokio.buffer.pool.exhausted", Meter.Type.COUNTER, null,
			"Requests and connections refused because direct memory ran out"),

	/**
	 * Episodes of direct memory pressure, each logged once.
	 */
	BUFFER_POOL_PRESSURE_EPISODES("zokio.buffer.pool.pressure.episodes", Meter.Type.COUNTER, null,
			"Episodes of direct memory pressure"),

	/**
	 * Most buffers in each event loop's io_uring read buffer ring.
	 */
	BUFFER_RING_BUFFERS("zokio.buffer.ring.buffers", Meter.Type.GAUGE, null,
			"Most buffers in each event loop's io_uring read buffer ring"),

	/**
	 * Size of each buffer of the io_uring read buffer rings: the most one read takes.
	 */
	BUFFER_RING_READ_SIZE("zokio.buffer.ring.read.size", Meter.Type.GAUGE, BaseUnits.BYTES,
			"Size of each buffer of the io_uring read buffer rings: the most one read takes"),

	/**
	 * Buffers the io_uring read buffer rings took from the pool.
	 */
	BUFFER_RING_TAKEN("zokio.buffer.ring.taken", Meter.Type.COUNTER, null,
			"Buffers the io_uring read buffer rings took from the pool"),

	/**
	 * Reads that found their event loop's read buffer ring empty and waited.
	 */
	BUFFER_RING_EXHAUSTIONS("zokio.buffer.ring.exhaustions", Meter.Type.COUNTER, null,
			"Reads that found their event loop's read buffer ring empty"),

	/**
	 * Episodes of read buffer ring exhaustion, each logged once.
	 */
	BUFFER_RING_EPISODES("zokio.buffer.ring.episodes", Meter.Type.COUNTER, null,
			"Episodes of read buffer ring exhaustion"),

	/**
	 * Memory the buffer pool holds now, from the allocator's own metrics.
	 */
	BUFFER_POOL_USED("zokio.buffer.pool.used", Meter.Type.GAUGE, BaseUnits.BYTES, "Memory the buffer pool holds now"),

	/**
	 * The part of the buffer pool's memory that buffers handed out hold now.
	 */
	BUFFER_POOL_IN_USE("zokio.buffer.pool.in.use", Meter.Type.GAUGE, BaseUnits.BYTES,
			"The part of the buffer pool's memory that buffers handed out hold now"),

	/**
	 * How long the last heartbeat task waited for an event loop, or the one waiting now if longer.
	 */
	EVENT_LOOP_LAG("zokio.eventloop.lag", Meter.Type.GAUGE, "seconds",
			"How long a task waits for the event loop, from the loop watchdog's heartbeat", ZokioKeyNames.LOOP),

	/**
	 * Times an event loop was found blocked: a task waited for it longer than the threshold.
	 */
	EVENT_LOOP_BLOCKED("zokio.eventloop.blocked", Meter.Type.COUNTER, null,
			"Times the event loop was found blocked, a task waiting longer than the threshold", ZokioKeyNames.LOOP),

	/**
	 * The transport the server runs on: always 1, tagged with the transport, the requested mode and
	 * whether a transport tried first failed.
	 */
	TRANSPORT("zokio.transport", Meter.Type.GAUGE, null, "The transport the server runs on (always 1)",
			ZokioKeyNames.TRANSPORT, ZokioKeyNames.REQUESTED, ZokioKeyNames.FALLBACK),

	/**
	 * Whether HTTP/3 serves: 1 while it does, 0 while a stage of its start failed or before it
	 * starts; registered only when {@code zokio.http3.enabled}.
	 */
	HTTP3_SERVING("zokio.http3.serving", Meter.Type.GAUGE, null,
			"Whether HTTP/3 serves (1) or not (0), registered when it is enabled");

	private final String name;

	private final Meter.Type type;

	private final @Nullable String baseUnit;

	private final String description;

	private final KeyName[] keyNames;

	ZokioMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, KeyName... keyNames) {
		this.name = name;
		this.type = type;
		this.baseUnit = baseUnit;
		this.description = description;
		this.keyNames = keyNames;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Meter.Type getType() {
		return this.type;
	}

	@Override
	public @Nullable String getBaseUnit() {
		return this.baseUnit;
	}

	@Override
	public KeyName[] getKeyNames() {
		return this.keyNames.clone();
	}

	/**
	 * Return the meter's description.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	enum ZokioKeyNames implements KeyName {

		/**
		 * Connection state: accepted, reading, processing, writing or idle.
		 */
		STATE("state"),

		/**
		 * Close reason (client, server, idleTimeout, requestTimeout, responseRate, error, tls, rejected,
		 * shutdown, proxyProtocol) or refusal reason, one per rule class (host, target, version,
		 * lineFolding, chunk, notImplemented, requestTimeout, requestBodyRate, contentTooLarge,
		 * overloaded, versionNotSupported, untrustedProxy).
		 */
		REASON("reason"),

		/**
		 * Outcome: success or failure.
		 */
		OUTCOME("outcome"),

		/**
		 * Class of causes of a failed TLS handshake: protocol, cipher, certificate, timeout,
		 * clientAbort; none for a completed one.
		 */
		CAUSE("cause"),

		/**
		 * TLS version: TLSv1.3, TLSv1.2, TLSv1.1, TLSv1 or other.
		 */
		VERSION("version"),

		/**
		 * Application protocol ALPN chose: h2, http/1.1 or none.
		 */
		PROTOCOL("protocol"),

		/**
		 * TLS implementation: openssl or jdk.
		 */
		PROVIDER("provider"),

		/**
		 * HTTP/2 error code, as RFC 9113 names it in lower case: no_error, protocol_error,
		 * enhance_your_calm, and the others.
		 */
		ERROR("error"),

		/**
		 * Status class: 1xx, 2xx, 3xx, 4xx or 5xx.
		 */
		STATUS("status"),

		/**
		 * Event loop: its place in the server's group, from 0.
		 */
		LOOP("loop"),

		/**
		 * Transport: io_uring, epoll, kqueue or nio.
		 */
		TRANSPORT("transport"),

		/**
		 * Requested mode: of the transport, auto, io_uring, epoll, kqueue or nio; of TLS, auto,
		 * openssl or jdk.
		 */
		REQUESTED("requested"),

		/**
		 * Whether a transport or TLS implementation tried first failed: true or false.
		 */
		FALLBACK("fallback");

		private final String key;

		ZokioKeyNames(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
