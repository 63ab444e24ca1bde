package io.zokio.engine.warmup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up's windows and the rule that says latency has settled.
 */
class WarmupProgressTests {

	private long nanos;

	private long compilationMillis;

	private final WarmupProgress progress = new WarmupProgress(() -> this.nanos, () -> this.compilationMillis);

	@Test
	void settlesAtTheTenthWindowWhenTheLastThreeAreWithinToleranceOfTheLowest() {
		long[] p99Millis = { 40, 30, 20, 10, 8, 6, 5, 5, 5, 5 };
		for (int i = 0; i < p99Millis.length; i++) {
			assertThat(this.progress.isRunning()).as("before window %d", i + 1).isTrue();
			window(p99Millis[i]);
		}
		assertThat(state()).isEqualTo(WarmupState.SETTLED);
		assertThat(this.progress.requests()).isEqualTo(10L * WarmupProgress.WINDOW);
	}

	@Test
	void doesNotSettleBeforeTheTenthWindowHoweverFlatLatencyIs() {
		for (int i = 0; i < WarmupProgress.MIN_WINDOWS - 1; i++) {
			window(1);
		}
		assertThat(state()).isEqualTo(WarmupState.RUNNING);
		window(1);
		assertThat(state()).isEqualTo(WarmupState.SETTLED);
	}

	@Test
	void keepsRunningWhileOneOfTheLastThreeWindowsIsBeyondTolerance() {
		for (int i = 0; i < 30; i++) {
			window((i % 3 == 2) ? 2 : 1);
		}
		assertThat(state()).isEqualTo(WarmupState.RUNNING);
		window(1);
		window(1);
		assertThat(state()).as("a window of 2 ms is still among the last three").isEqualTo(WarmupState.RUNNING);
		window(1);
		assertThat(state()).isEqualTo(WarmupState.SETTLED);
	}

	@Test
	void doesNotSettleWhileTheJitCompilesMoreThanItsShareOfTheLastThreeWindows() {
		for (int i = 0; i < 20; i++) {
			window(1, 40);
		}
		assertThat(state()).as("40 ms of compilation in each 300 ms window").isEqualTo(WarmupState.RUNNING);
		window(1, 0);
		assertThat(state()).as("80 ms over the last 900 ms").isEqualTo(WarmupState.RUNNING);
		window(1, 0);
		assertThat(state()).as("40 ms over the last 900 ms").isEqualTo(WarmupState.SETTLED);
	}

	@Test
	void closesAWindowOnlyOnceItHasLastedItsLeastTime() {
		for (int i = 0; i < 3 * WarmupProgress.WINDOW; i++) {
			this.progress.answered(TimeUnit.MILLISECONDS.toNanos(9));
		}
		this.nanos += TimeUnit.MILLISECONDS.toNanos(WarmupProgress.MIN_WINDOW_MILLIS);
		this.progress.answered(TimeUnit.MILLISECONDS.toNanos(1));
		WarmupReport report = this.progress.report(List.of("h2c"), Duration.ZERO);
		assertThat(report.firstWindow()).isNotNull();
		assertThat(report.firstWindow().requests()).isEqualTo(3L * WarmupProgress.WINDOW + 1);
	}

	@Test
	void reportsTheFirstAndTheLastCompleteWindow() {
		window(9);
		window(3);
		this.progress.answered(TimeUnit.MILLISECONDS.toNanos(100));
		WarmupReport report = this.progress.report(List.of("HTTP/1.1"), Duration.ofSeconds(1));
		assertThat(report.requests()).isEqualTo(2L * WarmupProgress.WINDOW + 1);
		assertThat(report.firstWindow()).isNotNull();
		assertThat(report.firstWindow().requests()).isEqualTo(WarmupProgress.WINDOW);
		assertThat(report.firstWindow().p99Micros()).isBetween(8_900L, 9_100L);
		assertThat(report.firstWindow().p50Micros()).isBetween(990L, 1_010L);
		assertThat(report.lastWindow()).isNotNull();
		assertThat(report.lastWindow().p99Micros()).isBetween(2_970L, 3_030L);
	}

	@Test
	void endsOnceAndIgnoresAnswersAfterwards() {
		this.progress.fail("GET /health over h2 answered 503");
		this.progress.end(WarmupState.REQUEST_LIMIT, null);
		assertThat(this.progress.answered(1_000)).isFalse();
		WarmupReport report = this.progress.report(List.of("h2"), Duration.ZERO);
		assertThat(report.state()).isEqualTo(WarmupState.FAILED);
		assertThat(report.state().isFailure()).isTrue();
		assertThat(report.failure()).isEqualTo("GET /health over h2 answered 503");
		assertThat(report.requests()).isZero();
	}

	private void window(long p99Millis) {
		window(p99Millis, 0);
	}

	private void window(long p99Millis, long compiledMillis) {
		int slow = WarmupProgress.WINDOW / 50;
		for (int i = 0; i < WarmupProgress.WINDOW - slow; i++) {
			this.progress.answered(TimeUnit.MILLISECONDS.toNanos(1));
		}
		this.nanos += TimeUnit.MILLISECONDS.toNanos(300);
		this.compilationMillis += compiledMillis;
		for (int i = 0; i < slow; i++) {
			this.progress.answered(TimeUnit.MILLISECONDS.toNanos(p99Millis));
		}
	}

	private WarmupState state() {
		return this.progress.report(List.of(), Duration.ZERO).state();
	}

}
