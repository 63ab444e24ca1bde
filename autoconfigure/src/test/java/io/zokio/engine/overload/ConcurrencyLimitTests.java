package io.zokio.engine.overload;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.netflix.concurrency.limits.Limit;
import com.sun.management.ThreadMXBean;
import com.netflix.concurrency.limits.limit.FixedLimit;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which request targets an exempt path covers: the path itself and the paths below it, in origin or
 * absolute form, whatever the query; never a path that only starts with the same characters. The
 * slots: taken while fewer than the algorithm's current limit are in flight, each given back once
 * with its latency, whatever the clock's value, without allocating.
 */
class ConcurrencyLimitTests {

	private final ConcurrencyLimit limit = new ConcurrencyLimit("fixed", FixedLimit.of(1),
			List.of("/actuator/health", "/ping"), System::nanoTime);

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "/actuator/health, true", "/actuator/health/readiness, true", "/actuator/health?x=1, true",
			"/actuator/health/liveness?x=/y, true", "http://a/actuator/health, true", "https://a:8443/ping?q, true",
			"/ping, true", "/actuator/healthz, false", "/actuator, false", "/pingpong, false", "/, false",
			"http://a, false", "/other/actuator/health, false", "*, false" })
	void exemptsAPathAndThePathsBelowIt(String target, boolean exempt) {
		assertThat(this.limit.isExempt(target)).isEqualTo(exempt);
	}

	@Test
	void shedsAtTheAlgorithmsCurrentLimitAndFollowsItsChanges() {
		SettableLimit algorithm = new SettableLimit(1);
		ConcurrencyLimit limit = new ConcurrencyLimit("test", algorithm, List.of("/ping"), System::nanoTime);
		long first = limit.admit(request("/work"));
		assertThat(limit.admit(request("/work"))).isEqualTo(ConcurrencyLimit.SHED);
		assertThat(limit.admit(request("/ping"))).as("exempt").isEqualTo(ConcurrencyLimit.NO_SLOT);
		algorithm.change(2);
		assertThat(limit.limit()).isEqualTo(2);
		long second = limit.admit(request("/work"));
		assertThat(second).isPositive();
		assertThat(limit.inFlight()).isEqualTo(2);
		limit.release(first, false);
		limit.release(second, false);
		limit.release(ConcurrencyLimit.NO_SLOT, true);
		limit.release(ConcurrencyLimit.SHED, true);
		assertThat(limit.inFlight()).isZero();
		assertThat(algorithm.samples).as("no sample without an answer").isEmpty();
	}

	@Test
	void measuresALatencyAcrossTheClocksOverflowAndTheSlotsTimeWrapping() {
		AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 1_000);
		SettableLimit algorithm = new SettableLimit(10);
		ConcurrencyLimit limit = new ConcurrencyLimit("test", algorithm, List.of(), clock::get);
		long wrap = 1L << 43;
		clock.addAndGet(wrap - 500);
		long slot = limit.admit(request("/work"));
		clock.addAndGet(2_500);
		limit.release(slot, true);
		assertThat(algorithm.samples).containsExactly(2_500L);
	}

	@Test
	void takesAndGivesBackSlotsWithoutAllocating() {
		ConcurrencyLimit limit = new ConcurrencyLimit("fixed", FixedLimit.of(10), List.of("/ping"), System::nanoTime);
		HttpRequest request = request("/work?page=2");
		limit.release(limit.admit(request), true);
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < 10_000; i++) {
			limit.release(limit.admit(request), true);
		}
		assertThat(threads.getCurrentThreadAllocatedBytes() - before)
			.as("concurrency-limits' SimpleLimiter allocates 72 bytes a request here").isLessThan(10_000);
	}

	private static HttpRequest request(String uri) {
		return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
	}

	/**
	 * A limit the test sets, which keeps the latency of each sample.
	 */
	private static final class SettableLimit implements Limit {

		private final List<Long> samples = new ArrayList<>();

		private final List<Consumer<Integer>> consumers = new ArrayList<>();

		private int limit;

		SettableLimit(int limit) {
			this.limit = limit;
		}

		void change(int limit) {
			this.limit = limit;
			this.consumers.forEach((consumer) -> consumer.accept(limit));
		}

		@Override
		public int getLimit() {
			return this.limit;
		}

		@Override
		public void notifyOnChange(Consumer<Integer> consumer) {
			this.consumers.add(consumer);
		}

		@Override
		public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
			this.samples.add(rtt);
		}

	}

}
