package io.zokio.engine.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Reserves whole chunks in every arena and keeps them. Netty frees a chunk whose usage fell back to
 * zero, so each reserved chunk keeps one small buffer allocated for the life of the pool. A thread
 * binds to the least-used arena on its first allocation, so one reserving thread per arena, alive
 * together, reaches every arena.
 */
final class ChunkReservation {

	static final int MAX_HOLD_SIZE = 64 * 1024;

	private final PooledByteBufAllocator allocator;

	private final boolean direct;

	private final int arenas;

	private final long bytes;

	private final int chunkSize;

	private final int holdSize;

	ChunkReservation(PooledByteBufAllocator allocator, boolean direct, int arenas, long bytes) {
		this.allocator = allocator;
		this.direct = direct;
		this.arenas = arenas;
		this.bytes = bytes;
		this.chunkSize = allocator.metric().chunkSize();
		this.holdSize = Math.min(MAX_HOLD_SIZE, this.chunkSize / 2);
	}

	/**
	 * Reserve the chunks.
	 * @param holds receives the buffers that hold the chunks
	 * @return the bytes reserved
	 */
	long reserve(List<ByteBuf> holds) {
		long chunks = this.bytes / this.chunkSize;
		if (chunks == 0) {
			return 0;
		}
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		try {
			for (int arena = 0; arena < this.arenas && failure.get() == null; arena++) {
				long arenaChunks = chunks / this.arenas + ((arena < chunks % this.arenas) ? 1 : 0);
				CountDownLatch filled = new CountDownLatch(1);
				Thread thread = new FastThreadLocalThread(() -> {
					try {
						fill(arenaChunks, holds);
					}
					catch (Throwable ex) {
						failure.compareAndSet(null, ex);
					}
					filled.countDown();
					awaitUninterruptibly(release);
				}, "zokio-buffer-pool-reserve-" + arena);
				thread.setDaemon(true);
				thread.start();
				threads.add(thread);
				awaitUninterruptibly(filled);
			}
		}
		finally {
			release.countDown();
			threads.forEach(ChunkReservation::joinUninterruptibly);
		}
		Throwable ex = failure.get();
		if (ex instanceof OutOfMemoryError error) {
			throw error;
		}
		if (ex != null) {
			throw new IllegalStateException("Buffer pool reservation failed", ex);
		}
		return chunks * this.chunkSize;
	}

	private void fill(long chunks, List<ByteBuf> holds) {
		int perChunk = this.chunkSize / this.holdSize;
		List<ByteBuf> fillers = new ArrayList<>();
		List<ByteBuf> kept = new ArrayList<>();
		try {
			for (long chunk = 0; chunk < chunks; chunk++) {
				kept.add(allocate());
				for (int i = 1; i < perChunk; i++) {
					fillers.add(allocate());
				}
			}
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			kept.forEach(ByteBuf::release);
			throw ex;
		}
		finally {
			fillers.forEach(ByteBuf::release);
		}
		synchronized (holds) {
			holds.addAll(kept);
		}
	}

	private ByteBuf allocate() {
		return this.direct ? this.allocator.directBuffer(this.holdSize, this.holdSize)
				: this.allocator.heapBuffer(this.holdSize, this.holdSize);
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
