package io.zokio.autoconfigure;

import java.time.Duration;

import io.netty.channel.EventLoopGroup;
import io.zokio.engine.transport.LoopWatchdog;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.ZokioLoopResources;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Watches the server's event loops once it has started, and stops watching before it stops.
 */
public final class ZokioEventLoops implements SmartLifecycle {

	private final TransportSelector transportSelector;

	private final Duration threshold;

	private volatile @Nullable LoopWatchdog watchdog;

	private volatile @Nullable EventLoopGroup group;

	ZokioEventLoops(TransportSelector transportSelector, Duration threshold) {
		this.transportSelector = transportSelector;
		this.threshold = threshold;
	}

	/**
	 * Return the watchdog of the running server's loops.
	 * @return the watchdog, or {@code null} before the server started, after it stopped, or when the
	 * watchdog is off
	 */
	public @Nullable LoopWatchdog watchdog() {
		return this.watchdog;
	}

	/**
	 * Return the event loops watched.
	 * @return the loops, or {@code null} while they are not watched
	 */
	public @Nullable EventLoopGroup eventLoopGroup() {
		return this.group;
	}

	@Override
	public synchronized void start() {
		ZokioLoopResources resources = this.transportSelector.current();
		if (this.watchdog == null && resources != null && !this.threshold.isZero()) {
			this.group = resources.eventLoopGroup();
			this.watchdog = new LoopWatchdog(resources.eventLoopGroup(), this.threshold);
		}
	}

	@Override
	public synchronized void stop() {
		LoopWatchdog watchdog = this.watchdog;
		this.watchdog = null;
		this.group = null;
		if (watchdog != null) {
			watchdog.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.watchdog != null;
	}

	@Override
	public int getPhase() {
		return ZokioShutdownLifecycle.PHASE;
	}

}
