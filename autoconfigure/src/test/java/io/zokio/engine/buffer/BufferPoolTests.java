package io.zokio.engine.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BufferPoolTests {

	private static final int MB = 1024 * 1024;

	private static final MemoryLimits PLENTY = new MemoryLimits(8L * 1024 * MB, 0, 1024L * MB, -1);

	private final List<BufferPool> pools = new ArrayList<>();

	@AfterEach
	void closePools() {
		this.pools.forEach(BufferPool::close);
	}

	@Test
	void reservesEveryArenaAndKeepsTheReservationThroughABurstIdleAndGc() throws Exception {
		BufferPool reserved = create(settings(32 * MB, 2), PLENTY);
		assertThat(reserved.preallocatedBytes()).isEqualTo(32 * MB);
		assertThat(reserved.usedBytes()).isGreaterThanOrEqualTo(32 * MB);
		assertThat(reserved.isFallback()).isFalse();
		assertThat(reserved.pooledAllocator().metric().directArenas()).extracting(PoolArenaMetric::numActiveChunks)
			.containsExactly(4L, 4L);
		BufferPool unreserved = create(settings(0, 2), PLENTY);
		assertThat(unreserved.usedBytes()).isZero();
		burst(reserved);
		burst(unreserved);
		System.gc();
		assertThat(reserved.usedBytes()).as("reserved pool after burst, idle and GC")
			.isGreaterThanOrEqualTo(32 * MB);
		assertThat(reserved.pooledAllocator().metric().directArenas()).allSatisfy(
				(arena) -> assertThat(arena.numActiveChunks()).isGreaterThanOrEqualTo(4));
		assertThat(unreserved.usedBytes()).as("the same burst on an unreserved pool frees its chunks")
			.isLessThan(32 * MB);
	}

	@Test
	void countsTheBuffersHandedOutAsInUseUntilTheyAreReleased() {
		BufferPool pool = create(settings(8 * MB, 1), PLENTY);
		assertThat(pool.inUseBytes()).isZero();
		ByteBuf first = pool.allocator().directBuffer(64 * 1024, 64 * 1024);
		ByteBuf second = pool.allocator().directBuffer(8 * 1024, 8 * 1024);
		assertThat(pool.inUseBytes()).isEqualTo(72 * 1024);
		assertThat(pool.usedBytes()).isGreaterThanOrEqualTo(8 * MB);
		first.release();
		assertThat(pool.inUseBytes()).isEqualTo(8 * 1024);
		second.release();
		assertThat(pool.inUseBytes()).isZero();
	}

	@Test
	void grantsARequestAboveAllTheMemoryAQuarterOfItInWholeChunksAndSaysWhy() {
		MemoryLimits limits = new MemoryLimits(40L * MB, 4L * MB, 1024L * MB, -1);
		BufferPool pool = create(settings(64 * MB, 2), limits);
		assertThat(pool.isDirect()).isTrue();
		assertThat(pool.requestedBytes()).isEqualTo(64 * MB);
		assertThat(pool.preallocatedBytes()).isEqualTo(8 * MB);
		assertThat(pool.usedBytes()).isGreaterThanOrEqualTo(8 * MB);
		assertThat(pool.isFallback()).isTrue();
		assertThat(pool.cause()).contains("requested 67108864 bytes exceeds the budget of 18874368 bytes",
				"37748736 bytes of available direct memory", "taken for a typo and granted a quarter",
				"8388608 bytes");
	}

	@Test
	void shrinksARequestAboveTheBudgetToItAndGrantsOneWithinItWhole() {
		MemoryLimits limits = new MemoryLimits(40L * MB, 4L * MB, 1024L * MB, -1);
		BufferPool above = create(settings(32 * MB, 2), limits);
		assertThat(above.preallocatedBytes()).isEqualTo(16 * MB);
		assertThat(above.cause()).contains("requested 33554432 bytes exceeds the budget of 18874368 bytes")
			.doesNotContain("typo");
		BufferPool within = create(settings(16 * MB, 2), limits);
		assertThat(within.preallocatedBytes()).isEqualTo(16 * MB);
		assertThat(within.isFallback()).isFalse();
	}

	@Test
	void budgetsForTheContainerLimitBesideTheHeap() {
		MemoryLimits container = new MemoryLimits(8L * 1024 * MB, 0, 64L * MB, 256L * MB);
		BufferPool pool = create(settings(128 * MB, 2), container);
		assertThat(pool.preallocatedBytes()).isEqualTo(24 * MB);
		assertThat(pool.cause()).contains("container limit of 268435456");
	}

	@Test
	void fallsBackToHeapBuffersWhenNotEvenOneChunkFits() {
		BufferPool pool = create(settings(16 * MB, 2), new MemoryLimits(6L * MB, 0, 1024L * MB, -1));
		assertThat(pool.isDirect()).isFalse();
		assertThat(pool.preallocatedBytes()).isZero();
		assertThat(pool.isFallback()).isTrue();
		assertThat(pool.cause()).startsWith("no direct memory for even one chunk of 4194304 bytes");
		ByteBuf buffer = pool.allocator().buffer(128);
		try {
			assertThat(buffer.isDirect()).isFalse();
		}
		finally {
			buffer.release();
		}
	}

	@Test
	void failsFastWithWhatWasRequestedAndWhatIsAvailable() {
		BufferPoolSettings failFast = new BufferPoolSettings(64L * MB, true, 2, 8192, 4 * MB, true, 256, 64, true);
		assertThatExceptionOfType(BufferPoolUnavailableException.class)
			.isThrownBy(() -> create(failFast, new MemoryLimits(40L * MB, 0, 1024L * MB, -1)))
			.withMessageContaining("The buffer pool of 67108864 bytes")
			.withMessageContaining("20971520 bytes are available")
			.withMessageContaining("exceeds the budget");
	}

	@Test
	void halvesTheReservationWhenTheJvmRefusesIt() {
		long jvmLimit = io.netty.util.internal.PlatformDependent.maxDirectMemory();
		assertThat(jvmLimit).as("tests run with -XX:MaxDirectMemorySize=512m").isEqualTo(512L * MB);
		BufferPool pool = create(settings(1024 * MB, 2), PLENTY);
		assertThat(pool.isDirect()).isTrue();
		assertThat(pool.preallocatedBytes()).isBetween(64L * MB, 256L * MB);
		assertThat(pool.cause()).startsWith("reserving 1073741824 bytes failed: ")
			.endsWith("; reserved " + pool.preallocatedBytes() + " bytes instead");
	}

	@Test
	void reservesHeapChunksWhenAskedForAHeapPool() {
		BufferPoolSettings heap = new BufferPoolSettings(8L * MB, false, 2, 8192, 4 * MB, true, 256, 64, false);
		BufferPool pool = create(heap, PLENTY);
		assertThat(pool.isDirect()).isFalse();
		assertThat(pool.isFallback()).isFalse();
		assertThat(pool.preallocatedBytes()).isEqualTo(8 * MB);
		assertThat(pool.usedBytes()).isGreaterThanOrEqualTo(8 * MB);
	}

	@Test
	void rejectsSettingsNettyCannotUse() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new BufferPoolSettings(0, true, 2, 5000, 4 * MB, true, 256, 64, false))
			.withMessageContaining("pageSize");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new BufferPoolSettings(0, true, 2, 8192, 3 * MB, true, 256, 64, false))
			.withMessageContaining("chunkSize");
	}

	@Test
	void readsTheContainerLimitFromCgroupFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		java.nio.file.Path v2 = dir.resolve("memory.max");
		java.nio.file.Path v1 = dir.resolve("memory.limit_in_bytes");
		java.nio.file.Files.writeString(v2, "268435456\n");
		assertThat(MemoryLimits.containerLimit(v2, v1)).isEqualTo(268435456L);
		java.nio.file.Files.writeString(v2, "max\n");
		assertThat(MemoryLimits.containerLimit(v2, v1)).isEqualTo(-1);
		java.nio.file.Files.delete(v2);
		java.nio.file.Files.writeString(v1, "9223372036854771712\n");
		assertThat(MemoryLimits.containerLimit(v2, v1)).isEqualTo(-1);
		java.nio.file.Files.writeString(v1, "134217728\n");
		assertThat(MemoryLimits.containerLimit(v2, v1)).isEqualTo(134217728L);
	}

	private BufferPool create(BufferPoolSettings settings, MemoryLimits limits) {
		BufferPool pool = BufferPool.create(settings, limits);
		this.pools.add(pool);
		return pool;
	}

	private static BufferPoolSettings settings(long preallocate, int arenas) {
		return new BufferPoolSettings(preallocate, true, arenas, 8192, 4 * MB, true, 256, 64, false);
	}

	private static void burst(BufferPool pool) throws Exception {
		ExecutorService loops = Executors.newFixedThreadPool(2, new DefaultThreadFactory("burst"));
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				done.add(loops.submit(() -> {
					List<ByteBuf> held = new ArrayList<>();
					for (int i = 0; i < 200; i++) {
						held.add(pool.allocator().directBuffer((i % 4 == 0) ? 256 * 1024 : 2048));
					}
					held.forEach(ByteBuf::release);
					for (int i = 0; i < 60; i++) {
						held.set(i, pool.allocator().directBuffer(512 * 1024));
					}
					held.subList(0, 60).forEach(ByteBuf::release);
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			loops.shutdown();
			assertThat(loops.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		}
	}

}
