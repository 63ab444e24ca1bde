package io.zokio.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.zokio.engine.ZokioEngine;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.metrics.BufferPoolMetrics;
import io.zokio.metrics.EventLoopMetrics;
import io.zokio.metrics.ServerMetrics;
import io.zokio.metrics.ZokioMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;

/**
 * Binds the Zokio meters once the application, and so its server, has started, and removes them on
 * shutdown.
 */
public final class ZokioMetricsBinder
		implements ApplicationListener<ApplicationStartedEvent>, ApplicationContextAware, DisposableBean {

	private final MeterRegistry meterRegistry;

	private final ZokioEngine engine;

	private @Nullable EventLoopMetrics eventLoopMetrics;

	private @Nullable ApplicationContext applicationContext;

	private @Nullable ZokioMetrics statisticsMetrics;

	private @Nullable BufferPoolMetrics bufferPoolMetrics;

	private @Nullable ServerMetrics serverMetrics;

	private volatile boolean bound;

	/**
	 * Create a binder of the given engine's parts to the given registry.
	 * @param meterRegistry the registry
	 * @param engine the engine's parts
	 */
	public ZokioMetricsBinder(MeterRegistry meterRegistry, ZokioEngine engine) {
		this.meterRegistry = meterRegistry;
		this.engine = engine;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	/**
	 * Bind the meters when this binder's own application has started: not on the start of another
	 * context that shares its listeners, as a parent or child context does, and whether or not the
	 * application has a parent.
	 * @param event the event
	 */
	@Override
	public synchronized void onApplicationEvent(ApplicationStartedEvent event) {
		if (event.getApplicationContext() != this.applicationContext || this.bound) {
			return;
		}
		this.bound = true;
		this.engine.eventLoops().ifPresent((watchdog) -> {
			this.eventLoopMetrics = new EventLoopMetrics(watchdog);
			this.eventLoopMetrics.bindTo(this.meterRegistry);
		});
		boolean tls = this.engine.tls().map(TlsSelector::report).isPresent();
		this.engine.statistics().ifPresent((statistics) -> {
			this.statisticsMetrics = new ZokioMetrics(statistics, tls);
			this.statisticsMetrics.bindTo(this.meterRegistry);
		});
		this.engine.bufferPool().ifPresent((bufferPool) -> {
			this.bufferPoolMetrics = new BufferPoolMetrics(bufferPool);
			this.bufferPoolMetrics.bindTo(this.meterRegistry);
		});
		this.serverMetrics = new ServerMetrics(this.engine);
		this.serverMetrics.bindTo(this.meterRegistry);
	}

	@Override
	public synchronized void destroy() {
		if (this.serverMetrics != null) {
			this.serverMetrics.close();
		}
		if (this.eventLoopMetrics != null) {
			this.eventLoopMetrics.close();
		}
		if (this.statisticsMetrics != null) {
			this.statisticsMetrics.close();
		}
		if (this.bufferPoolMetrics != null) {
			this.bufferPoolMetrics.close();
		}
	}

}
