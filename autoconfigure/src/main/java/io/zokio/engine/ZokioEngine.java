package io.zokio.engine;

import java.util.Optional;
import java.util.function.Supplier;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.http3.Http3Server;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.LoopWatchdog;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.warmup.Warmup;
import org.jspecify.annotations.Nullable;

/**
 * The parts of the engine that serve an application, each present or not as its configuration
 * decides: what the endpoint, health, info and meters read. Each part is looked up when read, so
 * that the holder can be made before the parts are.
 */
public final class ZokioEngine {

	private final Supplier<@Nullable TransportSelector> transport;

	private final Supplier<@Nullable BufferPool> bufferPool;

	private final Supplier<@Nullable ConnectionStatistics> statistics;

	private final Supplier<@Nullable ServerConnections> connections;

	private final Supplier<@Nullable TlsSelector> tls;

	private final Supplier<@Nullable LoopWatchdog> eventLoops;

	private final Supplier<@Nullable ConcurrencyLimit> overload;

	private final Supplier<@Nullable Warmup> warmup;

	private final Supplier<@Nullable Http3Server> http3;

	private ZokioEngine(Builder builder) {
		this.transport = builder.transport;
		this.bufferPool = builder.bufferPool;
		this.statistics = builder.statistics;
		this.connections = builder.connections;
		this.tls = builder.tls;
		this.eventLoops = builder.eventLoops;
		this.overload = builder.overload;
		this.warmup = builder.warmup;
		this.http3 = builder.http3;
	}

	/**
	 * Start describing an engine with no part.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the transport selection of the application's server.
	 * @return the selector, empty when Zokio does not manage the server's event loops
	 */
	public Optional<TransportSelector> transport() {
		return Optional.ofNullable(this.transport.get());
	}

	/**
	 * Return the buffer pool.
	 * @return the pool, empty when Zokio does not manage one
	 */
	public Optional<BufferPool> bufferPool() {
		return Optional.ofNullable(this.bufferPool.get());
	}

	/**
	 * Return the connection statistics.
	 * @return the statistics, empty when they are off
	 */
	public Optional<ConnectionStatistics> statistics() {
		return Optional.ofNullable(this.statistics.get());
	}

	/**
	 * Return the server's connections as protection counts them.
	 * @return the connections, empty when protection is off
	 */
	public Optional<ServerConnections> connections() {
		return Optional.ofNullable(this.connections.get());
	}

	/**
	 * Return the TLS implementation selection.
	 * @return the selector, empty when the server has no TLS or Zokio does not select it
	 */
	public Optional<TlsSelector> tls() {
		return Optional.ofNullable(this.tls.get());
	}

	/**
	 * Return the watchdog of the server's event loops.
	 * @return the watchdog, empty until the server runs or when the loops are not watched
	 */
	public Optional<LoopWatchdog> eventLoops() {
		return Optional.ofNullable(this.eventLoops.get());
	}

	/**
	 * Return the concurrency limit of the server's requests.
	 * @return the limit, empty when overload protection is off
	 */
	public Optional<ConcurrencyLimit> overload() {
		return Optional.ofNullable(this.overload.get());
	}

	/**
	 * Return the warm-up of the server.
	 * @return the warm-up, empty when it is off
	 */
	public Optional<Warmup> warmup() {
		return Optional.ofNullable(this.warmup.get());
	}

	/**
	 * Return the HTTP/3 server.
	 * @return the server, empty when HTTP/3 is off
	 */
	public Optional<Http3Server> http3() {
		return Optional.ofNullable(this.http3.get());
	}

	/**
	 * Describes the parts of a {@link ZokioEngine}; a part not given is absent.
	 */
	public static final class Builder {

		private Supplier<@Nullable TransportSelector> transport = () -> null;

		private Supplier<@Nullable BufferPool> bufferPool = () -> null;

		private Supplier<@Nullable ConnectionStatistics> statistics = () -> null;

		private Supplier<@Nullable ServerConnections> connections = () -> null;

		private Supplier<@Nullable TlsSelector> tls = () -> null;

		private Supplier<@Nullable LoopWatchdog> eventLoops = () -> null;

		private Supplier<@Nullable ConcurrencyLimit> overload = () -> null;

		private Supplier<@Nullable Warmup> warmup = () -> null;

		private Supplier<@Nullable Http3Server> http3 = () -> null;

		private Builder() {
		}

		/**
		 * Give the transport selection, looked up when read.
		 * @param transport a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder transport(Supplier<@Nullable TransportSelector> transport) {
			this.transport = transport;
			return this;
		}

		/**
		 * Give the buffer pool, looked up when read.
		 * @param bufferPool a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder bufferPool(Supplier<@Nullable BufferPool> bufferPool) {
			this.bufferPool = bufferPool;
			return this;
		}

		/**
		 * Give the connection statistics, looked up when read.
		 * @param statistics a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder statistics(Supplier<@Nullable ConnectionStatistics> statistics) {
			this.statistics = statistics;
			return this;
		}

		/**
		 * Give the server's connections as protection counts them, looked up when read.
		 * @param connections a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder connections(Supplier<@Nullable ServerConnections> connections) {
			this.connections = connections;
			return this;
		}

		/**
		 * Give the TLS implementation selection, looked up when read.
		 * @param tls a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder tls(Supplier<@Nullable TlsSelector> tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Give the watchdog of the server's event loops, looked up when read.
		 * @param eventLoops a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder eventLoops(Supplier<@Nullable LoopWatchdog> eventLoops) {
			this.eventLoops = eventLoops;
			return this;
		}

		/**
		 * Give the concurrency limit of the server's requests, looked up when read.
		 * @param overload a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder overload(Supplier<@Nullable ConcurrencyLimit> overload) {
			this.overload = overload;
			return this;
		}

		/**
		 * Give the warm-up, looked up when read.
		 * @param warmup a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder warmup(Supplier<@Nullable Warmup> warmup) {
			this.warmup = warmup;
			return this;
		}

		/**
		 * Give the HTTP/3 server, looked up when read.
		 * @param http3 a lookup that returns {@code null} while the part is absent
		 * @return this builder
		 */
		public Builder http3(Supplier<@Nullable Http3Server> http3) {
			this.http3 = http3;
			return this;
		}

		/**
		 * Return the engine described.
		 * @return the engine
		 */
		public ZokioEngine build() {
			return new ZokioEngine(this);
		}

	}

}
