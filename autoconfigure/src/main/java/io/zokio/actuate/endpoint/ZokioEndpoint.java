package io.zokio.actuate.endpoint;


import io.zokio.engine.ZokioEngine;
import io.zokio.engine.http3.Http3Server;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.TransportSelector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} exposing what the Zokio engine runs on and what its connections do.
 * Aggregate figures only: its response never names a client and does not grow with the number of
 * connections.
 */
@Endpoint(id = "zokio", defaultAccess = Access.READ_ONLY)
public final class ZokioEndpoint {

	private final ZokioEngine engine;

	/**
	 * Create an endpoint reporting on the given engine.
	 * @param engine the engine's parts
	 */
	public ZokioEndpoint(ZokioEngine engine) {
		this.engine = engine;
	}

	/**
	 * Return every section of the report.
	 * @return the report
	 */
	@ReadOperation
	public ZokioDescriptor zokio() {
		StatisticsSnapshot snapshot = snapshot();
		return new ZokioDescriptor(transport(), tls(snapshot), BufferPoolDescriptor.of(this.engine.bufferPool().orElse(null)),
				ConnectionsDescriptor.of(snapshot, max(), acceptFailures(), draining()), RequestsDescriptor.of(snapshot),
				EventLoopsDescriptor.of(this.engine.eventLoops().orElse(null)), ProxyProtocolDescriptor.of(this.engine.connections().orElse(null)),
				OverloadDescriptor.of(this.engine.overload().orElse(null)),
				WarmupDescriptor.of(this.engine.warmup().orElse(null)), http3());
	}

	/**
	 * Return one section of the report.
	 * @param section the section's name
	 * @return the section, or {@code null} (404) if there is no such section or it is disabled
	 */
	@ReadOperation
	public @Nullable OperationResponseBody section(@Selector String section) {
		return switch (section) {
			case "transport" -> transport();
			case "tls" -> tls(snapshot());
			case "bufferPool" -> BufferPoolDescriptor.of(this.engine.bufferPool().orElse(null));
			case "connections" -> ConnectionsDescriptor.of(snapshot(), max(), acceptFailures(), draining());
			case "requests" -> RequestsDescriptor.of(snapshot());
			case "eventLoops" -> EventLoopsDescriptor.of(this.engine.eventLoops().orElse(null));
			case "proxyProtocol" -> ProxyProtocolDescriptor.of(this.engine.connections().orElse(null));
			case "overload" -> OverloadDescriptor.of(this.engine.overload().orElse(null));
			case "warmup" -> WarmupDescriptor.of(this.engine.warmup().orElse(null));
			case "http3" -> http3();
			default -> null;
		};
	}

	private @Nullable TransportDescriptor transport() {
		return this.engine.transport().map(TransportSelector::report).map(TransportDescriptor::of).orElse(null);
	}

	private @Nullable TlsDescriptor tls(@Nullable StatisticsSnapshot snapshot) {
		return this.engine.tls()
			.map(TlsSelector::report)
			.map((report) -> TlsDescriptor.of(report, (snapshot != null) ? snapshot.tls() : null))
			.orElse(null);
	}

	private @Nullable Http3Descriptor http3() {
		return this.engine.http3().map(Http3Server::report).map(Http3Descriptor::of).orElse(null);
	}

	private int max() {
		return this.engine.connections().map(ServerConnections::maxConnections).orElse(-1);
	}

	private boolean draining() {
		return this.engine.connections().map(ServerConnections::isDraining).orElse(false);
	}

	private long acceptFailures() {
		return this.engine.connections().map(ServerConnections::acceptFailures).orElse(0L);
	}

	private @Nullable StatisticsSnapshot snapshot() {
		return this.engine.statistics().map(ConnectionStatistics::snapshot).orElse(null);
	}

	/**
	 * The whole report.
	 *
	 * @param transport the transport section
	 * @param tls the TLS section, {@code null} on a server without TLS
	 * @param bufferPool the buffer pool section
	 * @param connections the connections section
	 * @param requests the requests section
	 * @param eventLoops the event loops section
	 * @param proxyProtocol the PROXY protocol section
	 * @param overload the overload section, {@code null} when overload protection is off
	 * @param warmup the warm-up section, {@code null} when warm-up is off
	 * @param http3 the HTTP/3 section, {@code null} when HTTP/3 is off
	 */
	public record ZokioDescriptor(@Nullable TransportDescriptor transport, @Nullable TlsDescriptor tls,
			@Nullable BufferPoolDescriptor bufferPool,
			@Nullable ConnectionsDescriptor connections, @Nullable RequestsDescriptor requests,
			@Nullable EventLoopsDescriptor eventLoops,
			@Nullable ProxyProtocolDescriptor proxyProtocol,
			@Nullable OverloadDescriptor overload, @Nullable WarmupDescriptor warmup,
			@Nullable Http3Descriptor http3) implements OperationResponseBody {

	}

}
