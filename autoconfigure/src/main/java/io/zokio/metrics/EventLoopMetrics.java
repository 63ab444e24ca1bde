package io.zokio.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.zokio.engine.transport.LoopWatchdog;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code zokio.eventloop.lag} and {@code zokio.eventloop.blocked} per event loop, tagged with
 * the loop's place in the group, and Micrometer's own {@link NettyEventExecutorMetrics} (pending
 * tasks per loop) on the server's loops.
 */
public final class EventLoopMetrics implements MeterBinder, AutoCloseable {

	private final LoopWatchdog watchdog;

	private final List<Meter> meters = new ArrayList<>();

	private @Nullable MeterRegistry registry;

	/**
	 * Create a binder of the meters of the loops a watchdog watches.
	 * @param watchdog the watchdog of the loops
	 */
	public EventLoopMetrics(LoopWatchdog watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.meters.addAll(RegisteredMeters.during(registry, () -> bind(registry)));
	}

	private void bind(MeterRegistry registry) {
		int loops = this.watchdog.loops().size();
		for (int i = 0; i < loops; i++) {
			int index = i;
			String loop = Integer.toString(i);
			TimeGauge
				.builder(ZokioMeters.EVENT_LOOP_LAG.getName(), this.watchdog, TimeUnit.NANOSECONDS,
						(watchdog) -> watchdog.loop(index).lag().toNanos())
				.description(ZokioMeters.EVENT_LOOP_LAG.getDescription())
				.tag(ZokioMeters.ZokioKeyNames.LOOP.asString(), loop)
				.register(registry);
			FunctionCounter
				.builder(ZokioMeters.EVENT_LOOP_BLOCKED.getName(), this.watchdog,
						(watchdog) -> watchdog.loop(index).blocked())
				.description(ZokioMeters.EVENT_LOOP_BLOCKED.getDescription())
				.tag(ZokioMeters.ZokioKeyNames.LOOP.asString(), loop)
				.register(registry);
		}
		new NettyEventExecutorMetrics(this.watchdog.group()).bindTo(registry);
	}

	/**
	 * Remove every meter this binder registered.
	 */
	@Override
	public synchronized void close() {
		if (this.registry != null) {
			this.meters.forEach(this.registry::remove);
		}
		this.meters.clear();
	}

}
