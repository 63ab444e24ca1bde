package io.zokio.engine.protection;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * Checks the deadlines of every guarded connection of one event loop at a fixed tick, on that loop,
 * so that requests only write deadlines and never schedule a timer.
 */
final class DeadlineSweeper implements Runnable {

	private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final EventLoop eventLoop;

	private final long tickNanos;

	private final Set<ConnectionProtection> guards = new HashSet<>();

	private ConnectionProtection[] snapshot = new ConnectionProtection[16];

	private boolean started;

	DeadlineSweeper(EventLoop eventLoop, long tickNanos) {
		this.eventLoop = eventLoop;
		this.tickNanos = tickNanos;
	}

	/**
	 * Return the tick for the given limits: a quarter of the shortest timeout or minimum rate grace
	 * period, between 10ms and 1s, so a deadline is acted on within a quarter of its timeout (an idle
	 * timeout over 4s within a second).
	 * @param limits the limits
	 * @return the tick in nanoseconds
	 */
	static long tickNanos(ConnectionLimits limits) {
		long shortest = MAX_TICK_NANOS * 4;
		for (Duration timeout : new Duration[] { limits.requestHeaderTimeout(), limits.requestBodyTimeout(),
				limits.writeTimeout(), grace(limits.minRequestBodyRate()), grace(limits.minResponseRate()),
				limits.idleTimeout() }) {
			if (!timeout.isZero()) {
				shortest = Math.min(shortest, timeout.toNanos());
			}
		}
		return Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, shortest / 4));
	}

	private static Duration grace(MinDataRate rate) {
		return rate.isOn() ? rate.gracePeriod() : Duration.ZERO;
	}

	void add(ConnectionProtection guard) {
		this.guards.add(guard);
		if (!this.started) {
			this.started = true;
			this.eventLoop.scheduleAtFixedRate(this, this.tickNanos, this.tickNanos, TimeUnit.NANOSECONDS);
		}
	}

	void remove(ConnectionProtection guard) {
		this.guards.remove(guard);
	}

	@Override
	public void run() {
		if (this.guards.isEmpty()) {
			return;
		}
		ConnectionProtection[] current = this.guards.toArray(this.snapshot);
		if (current.length > this.snapshot.length) {
			this.snapshot = current;
		}
		long now = System.nanoTime();
		for (int i = 0; i < current.length && current[i] != null; i++) {
			current[i].check(now);
			current[i] = null;
		}
	}

}
