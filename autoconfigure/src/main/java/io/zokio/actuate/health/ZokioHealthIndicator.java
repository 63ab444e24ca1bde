package io.zokio.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.ZokioLoopResources;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the engine UP while its event loops run, with the transport and any fallback in the
 * details (and the TLS implementation, on a server with TLS), and DOWN only when it cannot serve:
 * no transport selected, or its event loops shut down.
 */
public final class ZokioHealthIndicator extends AbstractHealthIndicator {

	private final @Nullable TransportSelector transportSelector;

	private final @Nullable BufferPool bufferPool;

	private final @Nullable ConnectionStatistics statistics;

	private final @Nullable TlsSelector tlsSelector;

	/**
	 * Create an indicator of the given engine parts.
	 * @param transportSelector the transport selector, or {@code null} when the transport is not
	 * managed by Zokio
	 * @param bufferPool the buffer pool, or {@code null} when Zokio does not manage it
	 * @param statistics the connection statistics, or {@code null} when disabled
	 * @param tlsSelector the TLS selector, or {@code null} when Zokio does not select the TLS
	 * implementation
	 */
	public ZokioHealthIndicator(@Nullable TransportSelector transportSelector, @Nullable BufferPool bufferPool,
			@Nullable ConnectionStatistics statistics, @Nullable TlsSelector tlsSelector) {
		super("Zokio health check failed");
		this.transportSelector = transportSelector;
		this.bufferPool = bufferPool;
		this.statistics = statistics;
		this.tlsSelector = tlsSelector;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.statistics != null) {
			builder.withDetail("activeConnections", this.statistics.active());
		}
		if (this.bufferPool != null) {
			Map<String, Object> pool = new LinkedHashMap<>();
			pool.put("direct", this.bufferPool.isDirect());
			pool.put("requestedBytes", this.bufferPool.requestedBytes());
			pool.put("preallocatedBytes", this.bufferPool.preallocatedBytes());
			pool.put("fallback", this.bufferPool.isFallback());
			if (this.bufferPool.isFallback()) {
				pool.put("cause", this.bufferPool.cause());
			}
			builder.withDetail("bufferPool", pool);
		}
		TlsReport tls = (this.tlsSelector != null) ? this.tlsSelector.report() : null;
		if (tls != null) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("provider", tls.provider().id());
			details.put("fallback", tls.fallback());
			details.put("notUsed", tls.failures().stream().map(Attempt::toString).toList());
			builder.withDetail("tls", details);
		}
		if (this.transportSelector == null) {
			builder.up().withDetail("transport", "unmanaged");
			return;
		}
		ZokioLoopResources resources = this.transportSelector.current();
		if (resources == null || resources.isDisposed()) {
			builder.down().withDetail("transport", "not running");
			return;
		}
		TransportReport report = resources.report();
		builder.up()
			.withDetail("transport", report.transport().id())
			.withDetail("fallback", report.fallback())
			.withDetail("notUsed", report.failures().stream().map(Attempt::toString).toList());
	}

}
