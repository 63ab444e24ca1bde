package io.zokio.test;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for every test
 * class through JUnit's extension auto-detection; the suite runs with paranoid leak detection.
 */
public final class LeakCheckExtension implements AfterAllCallback {

	private static final int ROUNDS = 3;

	private static final int TRACKED_ALLOCATIONS = 64;

	@Override
	public void afterAll(ExtensionContext context) {
		assertThat(ResourceLeakDetector.getLevel()).as("leak detection level")
			.isEqualTo(ResourceLeakDetector.Level.PARANOID);
		for (int round = 0; round < ROUNDS; round++) {
			System.gc();
			System.runFinalization();
			pollLeakQueue();
		}
		List<String> leaks = FailOnLeakDetector.drain();
		assertThat(leaks).as("Netty leak reports in %s", context.getDisplayName()).isEmpty();
	}

	private static void pollLeakQueue() {
		UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
		for (int i = 0; i < TRACKED_ALLOCATIONS; i++) {
			ByteBuf probe = allocator.directBuffer(1);
			probe.release();
		}
	}

}
