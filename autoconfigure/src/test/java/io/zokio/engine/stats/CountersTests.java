package io.zokio.engine.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountersTests {

	private static final int THREADS = 4;

	private static final int ADDS = 1_000_000;

	@Test
	void sumsEveryThreadsOwnShardExactlyAndNeverSeesASumGoBack() throws Exception {
		Counters counters = new Counters(3);
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			writers.add(started(() -> {
				Counters.Shard shard = counters.shard();
				await(start);
				for (int i = 0; i < ADDS; i++) {
					shard.increment(1);
					shard.add(2, 3);
				}
			}));
		}
		AtomicReference<String> regression = new AtomicReference<>();
		Thread reader = started(() -> {
			await(start);
			long last = 0;
			while (last < (long) THREADS * ADDS && regression.get() == null) {
				long sum = counters.sum(1);
				if (sum < last) {
					regression.set(sum + " after " + last);
				}
				last = sum;
			}
		});
		start.countDown();
		for (Thread writer : writers) {
			writer.join();
		}
		reader.join();
		assertThat(regression.get()).isNull();
		assertThat(counters.sum(0)).isZero();
		assertThat(counters.sum(1)).isEqualTo((long) THREADS * ADDS);
		assertThat(counters.sum(2)).isEqualTo(3L * THREADS * ADDS);
	}

	@Test
	void losesNoCountWhenOtherThreadsWriteThroughAShardTheyDoNotOwn() throws Exception {
		Counters counters = new Counters(1);
		Counters.Shard shard = counters.shard();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> foreign = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			foreign.add(started(() -> {
				await(start);
				for (int i = 0; i < ADDS; i++) {
					shard.increment(0);
				}
			}));
		}
		start.countDown();
		for (int i = 0; i < ADDS; i++) {
			shard.increment(0);
		}
		for (Thread thread : foreign) {
			thread.join();
		}
		assertThat(counters.sum(0)).isEqualTo((THREADS + 1L) * ADDS);
	}

	@Test
	void givesEachRecordingThreadOneShardAndCountsItInTheFootprint() throws Exception {
		Counters counters = new Counters(8);
		Counters.Shard first = counters.shard();
		long oneShard = counters.estimatedFootprintBytes();
		assertThat(counters.shard()).isSameAs(first);
		AtomicReference<Counters.Shard> other = new AtomicReference<>();
		started(() -> other.set(counters.shard())).join();
		assertThat(other.get()).isNotSameAs(first);
		assertThat(counters.estimatedFootprintBytes()).isGreaterThan(oneShard);
	}

	private static Thread started(Runnable task) {
		Thread thread = new Thread(task);
		thread.start();
		return thread;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
