package io.zokio.engine.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.concurrent.ThreadProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a group's event loops for blocking. Every tick it hands each loop a heartbeat task and
 * measures how long the loop took to run it: that is the loop's lag, the time any task waits
 * behind whatever the loop is doing. A loop whose heartbeat has waited longer than the threshold is
 * blocked: one WARN with the loop's stack trace, then one INFO when it runs again, and a count.
 * The cost is one small task per loop per tick, on a thread of its own.
 * <p>
 * A cold JVM is not a blocked loop: while the loop's thread runs (neither waiting nor parked) and
 * the JVM loads classes ({@value #COLD_CLASSES_PER_SECOND} or more a second) or compiles for at
 * least half of the wait, as it does through the first requests after a start, the wait is logged
 * at INFO and not counted, unless it lasts ten thresholds, the point at which liveness calls the
 * loop stuck. A loop waiting on a lock, a sleep or a future is blocked whatever the JVM does.
 */
public final class LoopWatchdog implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LoopWatchdog.class);

	private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	static final long COLD_CLASSES_PER_SECOND = 200;

	private static final int STUCK_THRESHOLDS = 10;

	private final List<Loop> loops;

	private final long thresholdNanos;

	private final ScheduledExecutorService scheduler;

	private final EventExecutorGroup group;

	/**
	 * Start watching the loops of a group.
	 * @param group the event loops
	 * @param threshold how long a heartbeat may wait before its loop counts as blocked
	 */
	public LoopWatchdog(EventExecutorGroup group, Duration threshold) {
		this.group = group;
		List<Loop> loops = new ArrayList<>();
		group.forEach((executor) -> loops.add(new Loop(executor)));
		this.loops = List.copyOf(loops);
		this.thresholdNanos = threshold.toNanos();
		long tick = Math.min(MAX_TICK_NANOS, Math.max(MIN_TICK_NANOS, this.thresholdNanos / 10));
		this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("zokio-loop-watchdog", true));
		this.scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.NANOSECONDS);
	}

	/**
	 * Return the loops watched.
	 * @return the loops
	 */
	public EventExecutorGroup group() {
		return this.group;
	}

	/**
	 * Return the blocking threshold.
	 * @return the threshold
	 */
	public Duration threshold() {
		return Duration.ofNanos(this.thresholdNanos);
	}

	/**
	 * Return the state of every loop, in the group's order.
	 * @return the loops
	 */
	public List<LoopHealth> loops() {
		long now = System.nanoTime();
		return this.loops.stream().map((loop) -> loop.health(now)).toList();
	}

	/**
	 * Return the state of one loop.
	 * @param index the loop's place in the group's order
	 * @return the loop's state
	 */
	public LoopHealth loop(int index) {
		return this.loops.get(index).health(System.nanoTime());
	}

	/**
	 * Return how often a loop was found blocked, over all loops.
	 * @return the blocked episodes
	 */
	public long blocked() {
		return this.loops.stream().mapToLong((loop) -> loop.blocked.sum()).sum();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	private void tick() {
		long now = System.nanoTime();
		JvmActivity activity = JvmActivity.now();
		for (Loop loop : this.loops) {
			loop.tick(now, activity, this.thresholdNanos);
		}
	}

	/**
	 * One loop's health.
	 *
	 * @param name the loop's thread name, or its place in the group before its thread started
	 * @param lag how long the loop's last heartbeat waited, or the one waiting now if longer
	 * @param maxLag the longest a heartbeat has waited since start
	 * @param blocked how often the loop was found blocked
	 * @param blockedNow whether the loop is blocked now
	 */
	public record LoopHealth(String name, Duration lag, Duration maxLag, long blocked, boolean blockedNow) {
	}

	private static final class Loop implements Runnable {

		private final EventExecutor executor;

		private static final long NONE = Long.MIN_VALUE;

		private final LongAdder blocked = new LongAdder();

		private volatile long sentNanos;

		private volatile long lagNanos;

		private volatile long maxLagNanos;

		/**
		 * The send time of the heartbeat last reported blocked: a report names its heartbeat, so that
		 * the watchdog, which may read a heartbeat the loop is running at that moment, never reports
		 * one twice.
		 */
		private volatile long reportedSentNanos = NONE;

		private volatile String name;

		private volatile JvmActivity sentActivity = JvmActivity.NONE;

		private volatile long coldSentNanos = NONE;

		Loop(EventExecutor executor) {
			this.executor = executor;
			this.name = "event loop " + System.identityHashCode(executor);
		}

		void tick(long now, JvmActivity activity, long thresholdNanos) {
			long sent = this.sentNanos;
			if (sent == 0) {
				this.sentActivity = activity;
				this.sentNanos = now;
				try {
					this.executor.execute(this);
				}
				catch (RejectedExecutionException shuttingDown) {
					this.sentNanos = 0;
				}
				return;
			}
			if (this.reportedSentNanos != sent && now - sent >= thresholdNanos) {
				if (now - sent < STUCK_THRESHOLDS * thresholdNanos && isCold(sent, now, activity)) {
					return;
				}
				this.reportedSentNanos = sent;
				this.blocked.increment();
				logger.warn("Zokio: event loop {} has not run a task for {} ms; a task on it blocks (blocking I/O, "
						+ "a lock or a long computation on an event loop stalls every connection on it):\n{}", this.name,
						TimeUnit.NANOSECONDS.toMillis(now - sent), stackTrace());
			}
		}

		private boolean isCold(long sent, long now, JvmActivity activity) {
			ThreadProperties thread = threadProperties();
			if (thread == null || thread.state() != Thread.State.RUNNABLE) {
				return false;
			}
			JvmActivity since = activity.since(this.sentActivity);
			long waitedNanos = now - sent;
			boolean cold = since.loadedClasses() * TimeUnit.SECONDS.toNanos(1) >= COLD_CLASSES_PER_SECOND * waitedNanos
					|| TimeUnit.MILLISECONDS.toNanos(since.compilationMillis()) * 2 >= waitedNanos;
			if (cold && this.coldSentNanos != sent) {
				this.coldSentNanos = sent;
				logger.info("Zokio: event loop {} has not run a task for {} ms while the JVM loaded {} classes and "
						+ "compiled for {} ms: a cold start, not counted as blocked", this.name,
						TimeUnit.NANOSECONDS.toMillis(waitedNanos), since.loadedClasses(), since.compilationMillis());
			}
			return cold;
		}

		@Override
		public void run() {
			this.name = Thread.currentThread().getName();
			long sent = this.sentNanos;
			long lag = System.nanoTime() - sent;
			this.lagNanos = lag;
			if (lag > this.maxLagNanos) {
				this.maxLagNanos = lag;
			}
			if (this.reportedSentNanos == sent) {
				logger.info("Zokio: event loop {} runs tasks again, after {} ms", this.name,
						TimeUnit.NANOSECONDS.toMillis(lag));
			}
			this.sentNanos = 0;
		}

		LoopHealth health(long now) {
			long sent = this.sentNanos;
			long waiting = (sent != 0) ? now - sent : 0;
			long lag = Math.max(this.lagNanos, waiting);
			return new LoopHealth(this.name, Duration.ofNanos(lag), Duration.ofNanos(Math.max(this.maxLagNanos, waiting)),
					this.blocked.sum(), sent != 0 && this.reportedSentNanos == sent);
		}

		private String stackTrace() {
			ThreadProperties thread = threadProperties();
			if (thread == null) {
				return "\t(no stack trace: not a single-threaded loop)";
			}
			return Arrays.stream(thread.stackTrace()).map((frame) -> "\tat " + frame).collect(Collectors.joining("\n"));
		}

		private @Nullable ThreadProperties threadProperties() {
			return (this.executor instanceof SingleThreadEventExecutor loop) ? loop.threadProperties() : null;
		}

	}

}
