package io.zokio.test;

import java.util.ArrayList;
import java.util.List;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's leak detector, installed with {@code -Dio.netty.customResourceLeakDetector}, that also
 * remembers every leak it reports so that {@link LeakCheckExtension} can fail the tests.
 *
 * @param <T> the type of resource tracked
 */
public class FailOnLeakDetector<T> extends ResourceLeakDetector<T> {

	private static final List<String> leaks = new ArrayList<>();

	public FailOnLeakDetector(Class<?> resourceType, int samplingInterval) {
		super(resourceType, samplingInterval);
	}

	public FailOnLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
		super(resourceType, samplingInterval, maxActive);
	}

	@Override
	protected void reportTracedLeak(String resourceType, String records) {
		record("LEAK: " + resourceType + records);
		super.reportTracedLeak(resourceType, records);
	}

	@Override
	protected void reportUntracedLeak(String resourceType) {
		record("LEAK: " + resourceType);
		super.reportUntracedLeak(resourceType);
	}

	private static void record(String leak) {
		synchronized (leaks) {
			leaks.add(leak);
		}
	}

	/**
	 * Return the leaks reported since the last call, and forget them.
	 * @return the leak reports
	 */
	public static List<String> drain() {
		synchronized (leaks) {
			List<String> drained = List.copyOf(leaks);
			leaks.clear();
			return drained;
		}
	}

}
