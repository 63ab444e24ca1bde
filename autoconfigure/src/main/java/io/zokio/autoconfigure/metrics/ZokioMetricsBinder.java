package io.zokio.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.zokio.autoconfigure.ZokioEventLoops;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.LoopWatchdog;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;
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

	private final @Nullable ZokioEventLoops eventLoops;

	private @Nullable EventLoopMetrics eventLoopMetrics;

	private @Nullable ApplicationContext applicationContext;

	private final @Nullable ConnectionStatistics statistics;

	private @Nullable ZokioMetrics statisticsMetrics;

	private final @Nullable BufferPoolMetrics bufferPoolMetrics;

	private final @Nullable ServerConnections serverConnections;

	private final @Nullable TransportSelector transportSelector;

	private final @Nullable TlsSelector tlsSelector;

	private @Nullable ServerMetrics serverMetrics;

	private volatile boolean bound;

	/**
	 * Create a binder of the given engine parts to the given registry.
	 * @param meterRegistry the registry
	 * @param statistics the connection statistics, or {@code null} when disabled
	 * @param bufferPool the buffer pool, or {@code null} when Zokio does not manage it
	 * @param serverConnections the server's connections, or {@code null} when protection is off
	 * @param eventLoops the server's watched event loops, or {@code null} when Zokio does not run them
	 * @param transportSelector the server's transport selection, or {@code null} when Zokio does not
	 * select it
	 * @param tlsSelector the server's TLS selection, or {@code null} when Zokio does not select it
	 */
	public ZokioMetricsBinder(MeterRegistry meterRegistry, @Nullable ConnectionStatistics statistics,
			@Nullable BufferPool bufferPool, @Nullable ServerConnections serverConnections,
			@Nullable ZokioEventLoops eventLoops, @Nullable TransportSelector transportSelector,
			@Nullable TlsSelector tlsSelector) {
		this.meterRegistry = meterRegistry;
		this.eventLoops = eventLoops;
		this.transportSelector = transportSelector;
		this.tlsSelector = tlsSelector;
		this.statistics = statistics;
		this.bufferPoolMetrics = (bufferPool != null) ? new BufferPoolMetrics(bufferPool) : null;
		this.serverConnections = serverConnections;
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
		LoopWatchdog watchdog = (this.eventLoops != null) ? this.eventLoops.watchdog() : null;
		EventLoopGroup group = (this.eventLoops != null) ? this.eventLoops.eventLoopGroup() : null;
		if (watchdog != null && group != null) {
			this.eventLoopMetrics = new EventLoopMetrics(watchdog, group);
			this.eventLoopMetrics.bindTo(this.meterRegistry);
		}
		TlsReport tlsReport = (this.tlsSelector != null) ? this.tlsSelector.report() : null;
		if (this.statistics != null) {
			this.statisticsMetrics = new ZokioMetrics(this.statistics, tlsReport != null);
			this.statisticsMetrics.bindTo(this.meterRegistry);
		}
		if (this.bufferPoolMetrics != null) {
			this.bufferPoolMetrics.bindTo(this.meterRegistry);
		}
		TransportReport report = (this.transportSelector != null) ? this.transportSelector.report() : null;
		this.serverMetrics = new ServerMetrics(this.serverConnections, report, tlsReport);
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
