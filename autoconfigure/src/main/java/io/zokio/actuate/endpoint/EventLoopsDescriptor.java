package io.zokio.actuate.endpoint;

import java.util.List;

import io.zokio.engine.transport.LoopWatchdog;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code eventLoops} section of the {@link ZokioEndpoint}: how long a task waits for each
 * event loop, and how often one was found blocked.
 *
 * @param blockedThresholdMillis how long a task may wait before its loop counts as blocked
 * @param blocked blocked episodes over all loops
 * @param loops each loop, in the group's order
 */
public record EventLoopsDescriptor(double blockedThresholdMillis, long blocked,
		List<Loop> loops) implements OperationResponseBody {

	static @Nullable EventLoopsDescriptor of(@Nullable LoopWatchdog watchdog) {
		if (watchdog == null) {
			return null;
		}
		List<Loop> loops = watchdog.loops()
			.stream()
			.map((loop) -> new Loop(loop.name(), Millis.of(loop.lag().toNanos() / 1000.0),
					Millis.of(loop.maxLag().toNanos() / 1000.0), loop.blocked(), loop.blockedNow()))
			.toList();
		return new EventLoopsDescriptor(Millis.of(watchdog.threshold().toNanos() / 1000.0), watchdog.blocked(), loops);
	}

	/**
	 * One event loop.
	 *
	 * @param name the loop's thread name
	 * @param lagMillis how long its last heartbeat task waited, or the one waiting now if longer
	 * @param maxLagMillis the longest a heartbeat task has waited since start
	 * @param blocked how often the loop was found blocked
	 * @param blockedNow whether it is blocked now
	 */
	public record Loop(String name, double lagMillis, double maxLagMillis, long blocked, boolean blockedNow) {
	}

}
