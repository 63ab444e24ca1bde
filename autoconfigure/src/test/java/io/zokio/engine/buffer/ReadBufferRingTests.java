package io.zokio.engine.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How the read buffer ring is sized from the pool, and when the pool lends none.
 */
class ReadBufferRingTests {

	private static final long MB = 1024 * 1024;

	private static final MemoryLimits PLENTY = new MemoryLimits(8L * 1024 * MB, 0, 1024L * MB, -1);

	@ParameterizedTest(name = "{0} bytes over {1} arenas in {2}-byte buffers: {3}")
	@CsvSource(textBlock = """
			16777216,  2, 32768,   128
			16777216,  1, 32768,   256
			0,         2, 32768,    32
			0,         8, 32768,    16
			1073741824, 1, 1024, 16384
			25165824,  2, 32768,   128
			""")
	void sizesEachLoopsRingToItsShareOfHalfThePool(long preallocated, int arenas, int bufferSize, int buffers) {
		assertThat(ReadBufferRing.defaultBuffers(preallocated, arenas, bufferSize)).isEqualTo(buffers);
	}

	@Test
	void lendsNoRingFromAHeapPoolOrWhenTurnedOff() {
		try (BufferPool heap = BufferPool.create(settings(false, BufferPoolSettings.DEFAULT_RING), PLENTY);
				BufferPool off = BufferPool.create(settings(true, BufferPoolSettings.NO_RING), PLENTY);
				BufferPool sized = BufferPool.create(settings(true, 64), PLENTY)) {
			assertThat(heap.readBufferRing()).isNull();
			assertThat(off.readBufferRing()).isNull();
			assertThat(sized.readBufferRing().buffers()).isEqualTo(64);
			assertThat(sized.readBufferRing().isRegistered()).isFalse();
		}
	}

	@Test
	void showsTheRingAsReadsSourceOnlyOnceATransportRegisteredIt() {
		try (BufferPool pool = BufferPool.create(settings(true, 64), PLENTY)) {
			assertThat(pool.registeredRing()).isNull();
			pool.readBufferRing().registered();
			assertThat(pool.registeredRing()).isSameAs(pool.readBufferRing());
		}
	}

	@Test
	void refusesARingThatIsNoPowerOfTwoWithinTheKernelsRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(true, 48)).withMessageContaining("ringBuffers");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(true, 8)).withMessageContaining("ringBuffers");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(true, 32768))
			.withMessageContaining("ringBuffers");
	}

	private static BufferPoolSettings settings(boolean direct, int ringBuffers) {
		return new BufferPoolSettings(0, direct, 2, 8192, 4 * (int) MB, true, 256, 64, false, ringBuffers, 32 * 1024);
	}

}
