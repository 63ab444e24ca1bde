package io.zokio.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zokio.engine.ZokioEngine;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.ZokioLoopResources;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the engine UP while its event loops run, with the transport and any fallback in the
 * details (and the TLS implementation, on a server with TLS), and DOWN only when it cannot serve:
 * no transport selected, or its event loops shut down.
 */
public final class ZokioHealthIndicator extends AbstractHealthIndicator {

	private final ZokioEngine engine;

	/**
	 * Create an indicator of the given engine.
	 * @param engine the engine's parts
	 */
	public ZokioHealthIndicator(ZokioEngine engine) {
		super("Zokio health check failed");
		this.engine = engine;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.engine.statistics()
			.ifPresent((statistics) -> builder.withDetail("activeConnections", statistics.active()));
		this.engine.bufferPool().ifPresent((bufferPool) -> {
			Map<String, Object> pool = new LinkedHashMap<>();
			pool.put("direct", bufferPool.isDirect());
			pool.put("requestedBytes", bufferPool.requestedBytes());
			pool.put("preallocatedBytes", bufferPool.preallocatedBytes());
			pool.put("fallback", bufferPool.isFallback());
			if (bufferPool.isFallback()) {
				pool.put("cause", bufferPool.cause());
			}
			builder.withDetail("bufferPool", pool);
		});
		TlsReport tls = this.engine.tls().map(TlsSelector::report).orElse(null);
		if (tls != null) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("provider", tls.provider().id());
			details.put("fallback", tls.fallback());
			details.put("notUsed", tls.failures().stream().map(Attempt::toString).toList());
			builder.withDetail("tls", details);
		}
		TransportSelector transport = this.engine.transport().orElse(null);
		if (transport == null) {
			builder.up().withDetail("transport", "unmanaged");
			return;
		}
		ZokioLoopResources resources = transport.current();
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
