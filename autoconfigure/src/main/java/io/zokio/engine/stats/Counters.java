package io.zokio.engine.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed set of counters that each recording thread keeps in an array of its own, summed when
 * read. A connection records everything on the event loop that accepted it, so an event costs a
 * plain add to a cache line that no other loop writes: no atomic instruction, and one line for
 * all of a request's counters, where a {@link java.util.concurrent.atomic.LongAdder} each costs an
 * atomic add on a line of its own, a cache miss apiece on a server whose caches the whole request
 * path has been through. Values are published with release stores and read with acquire loads,
 * so a reader that sees a count sees every count its thread recorded before it.
 */
final class Counters {

	private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

	/**
	 * Longs on each side of a shard's values: two cache lines, so that no two shards share one.
	 */
	private static final int PADDING = 16;

	private final int size;

	private final ConcurrentHashMap<Long, Shard> shards = new ConcurrentHashMap<>();

	private final AtomicLongArray shared;

	/**
	 * Create counters.
	 * @param size how many
	 */
	Counters(int size) {
		this.size = size;
		this.shared = new AtomicLongArray(size);
	}

	/**
	 * Return the calling thread's shard, created on first use; a connection takes its event loop's
	 * when it is accepted.
	 * @return the shard
	 */
	Shard shard() {
		return this.shards.computeIfAbsent(Thread.currentThread().getId(),
				(owner) -> new Shard(owner, this.size, this.shared));
	}

	/**
	 * Return the sum of one counter over every shard.
	 * @param index the counter
	 * @return the sum
	 */
	long sum(int index) {
		long sum = this.shared.get(index);
		for (Shard shard : this.shards.values()) {
			sum += shard.get(index);
		}
		return sum;
	}

	/**
	 * Estimate the memory the counters hold: the shared array and one shard per recording thread.
	 * @return the estimated footprint in bytes
	 */
	long estimatedFootprintBytes() {
		long shard = (this.size + 2L * PADDING) * Long.BYTES + 64;
		return this.size * Long.BYTES + 64 + Math.max(1, this.shards.size()) * shard;
	}

	/**
	 * One thread's counters. The owner adds with a plain read and a release store; any other thread
	 * (none in the engine) adds atomically to the counters' shared array instead, so that a count is
	 * never lost.
	 */
	static final class Shard {

		private final long owner;

		private final long[] values;

		private final AtomicLongArray shared;

		private Shard(long owner, int size, AtomicLongArray shared) {
			this.owner = owner;
			this.values = new long[size + 2 * PADDING];
			this.shared = shared;
		}

		void increment(int index) {
			add(index, 1);
		}

		void add(int index, long delta) {
			if (Thread.currentThread().getId() == this.owner) {
				int slot = PADDING + index;
				VALUES.setRelease(this.values, slot, this.values[slot] + delta);
			}
			else {
				this.shared.addAndGet(index, delta);
			}
		}

		private long get(int index) {
			return (long) VALUES.getAcquire(this.values, PADDING + index);
		}

	}

}
