package io.zokio.actuate.endpoint;

import java.util.function.Supplier;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.LoopWatchdog;
import io.zokio.engine.transport.TransportReport;
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

	private final @Nullable TransportSelector transportSelector;

	private final @Nullable BufferPool bufferPool;

	private final @Nullable ConnectionStatistics statistics;

	private final @Nullable ServerConnections connections;

	private final Supplier<@Nullable LoopWatchdog> eventLoops;

	private final @Nullable TlsSelector tlsSelector;

	/**
	 * Create an endpoint reporting on the given engine parts.
	 * @param transportSelector the selector of the server's transport, or {@code null} when the
	 * transport is not managed by Zokio
	 * @param bufferPool the buffer pool, or {@code null} when Zokio does not manage it
	 * @param statistics the connection statistics, or {@code null} when they are disabled
	 * @param connections the server's live connections and limit, or {@code null}
	 * @param eventLoops the watchdog of the server's event loops, or {@code null} while there is none
	 * @param tlsSelector the selector of the server's TLS implementation, or {@code null} when Zokio
	 * does not select it
	 */
	public ZokioEndpoint(@Nullable TransportSelector transportSelector, @Nullable BufferPool bufferPool,
			@Nullable ConnectionStatistics statistics, @Nullable ServerConnections connections,
			Supplier<@Nullable LoopWatchdog> eventLoops, @Nullable TlsSelector tlsSelector) {
		this.transportSelector = transportSelector;
		this.bufferPool = bufferPool;
		this.statistics = statistics;
		this.connections = connections;
		this.eventLoops = eventLoops;
		this.tlsSelector = tlsSelector;
	}

	/**
	 * Return every section of the report.
	 * @return the report
	 */
	@ReadOperation
	public ZokioDescriptor zokio() {
		StatisticsSnapshot snapshot = snapshot();
		return new ZokioDescriptor(transport(), tls(snapshot), BufferPoolDescriptor.of(this.bufferPool),
				ConnectionsDescriptor.of(snapshot, max(), acceptFailures(), draining()), RequestsDescriptor.of(snapshot),
				EventLoopsDescriptor.of(this.eventLoops.get()), ProxyProtocolDescriptor.of(this.connections));
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
			case "bufferPool" -> BufferPoolDescriptor.of(this.bufferPool);
			case "connections" -> ConnectionsDescriptor.of(snapshot(), max(), acceptFailures(), draining());
			case "requests" -> RequestsDescriptor.of(snapshot());
			case "eventLoops" -> EventLoopsDescriptor.of(this.eventLoops.get());
			case "proxyProtocol" -> ProxyProtocolDescriptor.of(this.connections);
			default -> null;
		};
	}

	private @Nullable TransportDescriptor transport() {
		TransportReport report = (this.transportSelector != null) ? this.transportSelector.report() : null;
		return (report != null) ? TransportDescriptor.of(report) : null;
	}

	private @Nullable TlsDescriptor tls(@Nullable StatisticsSnapshot snapshot) {
		TlsReport report = (this.tlsSelector != null) ? this.tlsSelector.report() : null;
		return (report != null) ? TlsDescriptor.of(report, (snapshot != null) ? snapshot.tls() : null) : null;
	}

	private int max() {
		return (this.connections != null) ? this.connections.maxConnections() : -1;
	}

	private boolean draining() {
		return this.connections != null && this.connections.isDraining();
	}

	private long acceptFailures() {
		return (this.connections != null) ? this.connections.acceptFailures() : 0;
	}

	private @Nullable StatisticsSnapshot snapshot() {
		return (this.statistics != null) ? this.statistics.snapshot() : null;
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
	 */
	public record ZokioDescriptor(@Nullable TransportDescriptor transport, @Nullable TlsDescriptor tls,
			@Nullable BufferPoolDescriptor bufferPool,
			@Nullable ConnectionsDescriptor connections, @Nullable RequestsDescriptor requests,
			@Nullable EventLoopsDescriptor eventLoops,
			@Nullable ProxyProtocolDescriptor proxyProtocol) implements OperationResponseBody {

	}

}
