package io.zokio.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.limits.ServerConnections;
import io.zokio.metrics.AcceptMetrics;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.metrics.BufferPoolMetrics;
import io.zokio.metrics.ZokioMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Binds the Zokio meters once the application, and so its server, has started, and removes them on
 * shutdown.
 */
public final class ZokioMetricsBinder implements ApplicationListener<ApplicationStartedEvent>, DisposableBean {

	private final MeterRegistry meterRegistry;

	private final @Nullable ZokioMetrics statisticsMetrics;

	private final @Nullable BufferPoolMetrics bufferPoolMetrics;

	private final @Nullable AcceptMetrics acceptMetrics;

	private volatile boolean bound;

	/**
	 * Create a binder of the given engine parts to the given registry.
	 * @param meterRegistry the registry
	 * @param statistics the connection statistics, or {@code null} when disabled
	 * @param bufferPool the buffer pool, or {@code null} when Zokio does not manage it
	 * @param serverConnections the server's connections, or {@code null} when protection is off
	 */
	public ZokioMetricsBinder(MeterRegistry meterRegistry, @Nullable ConnectionStatistics statistics,
			@Nullable BufferPool bufferPool, @Nullable ServerConnections serverConnections) {
		this.meterRegistry = meterRegistry;
		this.statisticsMetrics = (statistics != null) ? new ZokioMetrics(statistics) : null;
		this.bufferPoolMetrics = (bufferPool != null) ? new BufferPoolMetrics(bufferPool) : null;
		this.acceptMetrics = (serverConnections != null) ? new AcceptMetrics(serverConnections) : null;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (event.getApplicationContext().getParent() != null || this.bound) {
			return;
		}
		this.bound = true;
		if (this.statisticsMetrics != null) {
			this.statisticsMetrics.bindTo(this.meterRegistry);
		}
		if (this.bufferPoolMetrics != null) {
			this.bufferPoolMetrics.bindTo(this.meterRegistry);
		}
		if (this.acceptMetrics != null) {
			this.acceptMetrics.bindTo(this.meterRegistry);
		}
	}

	@Override
	public void destroy() {
		if (this.statisticsMetrics != null) {
			this.statisticsMetrics.close();
		}
		if (this.bufferPoolMetrics != null) {
			this.bufferPoolMetrics.close();
		}
		if (this.acceptMetrics != null) {
			this.acceptMetrics.close();
		}
	}

}
