package io.zokio.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.metrics.ZokioMetrics;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Binds the {@link ZokioMetrics} once the application, and so its server, has started, and removes
 * them on shutdown.
 */
public final class ZokioMetricsBinder implements ApplicationListener<ApplicationStartedEvent>, DisposableBean {

	private final MeterRegistry meterRegistry;

	private final ZokioMetrics metrics;

	private volatile boolean bound;

	/**
	 * Create a binder of the given statistics to the given registry.
	 * @param meterRegistry the registry
	 * @param statistics the statistics
	 */
	public ZokioMetricsBinder(MeterRegistry meterRegistry, ConnectionStatistics statistics) {
		this.meterRegistry = meterRegistry;
		this.metrics = new ZokioMetrics(statistics);
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (event.getApplicationContext().getParent() == null && !this.bound) {
			this.bound = true;
			this.metrics.bindTo(this.meterRegistry);
		}
	}

	@Override
	public void destroy() {
		this.metrics.close();
	}

}
