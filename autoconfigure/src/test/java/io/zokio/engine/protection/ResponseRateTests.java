package io.zokio.engine.protection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimum response rate, driven with known times, writes and pending bytes.
 */
class ResponseRateTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final MinDataRate RATE = new MinDataRate(1000, Duration.ofSeconds(2));

	@Test
	void givesASmallWriteTheGracePeriod() {
		ResponseRate rate = new ResponseRate(RATE);
		rate.wrote(100);
		assertThat(rate.behind(SECOND, () -> 100)).isFalse();
		assertThat(rate.behind(3 * SECOND, () -> 100)).isFalse();
		assertThat(rate.behind(3 * SECOND + 1, () -> 100)).isTrue();
	}

	@Test
	void givesALargeWriteItsTimeAtTheMinimumRate() {
		ResponseRate rate = new ResponseRate(RATE);
		rate.wrote(5000);
		assertThat(rate.behind(SECOND, () -> 5000)).isFalse();
		assertThat(rate.behind(6 * SECOND, () -> 10)).isFalse();
		assertThat(rate.behind(6 * SECOND + 1, () -> 10)).isTrue();
	}

	@Test
	void addsTheTimeOfWritesThatFollowWhileTheClientIsBehind() {
		ResponseRate rate = new ResponseRate(RATE);
		rate.wrote(3000);
		assertThat(rate.behind(SECOND, () -> 3000)).isFalse();
		rate.wrote(3000);
		assertThat(rate.behind(2 * SECOND, () -> 4000)).isFalse();
		assertThat(rate.behind(7 * SECOND, () -> 1)).isFalse();
		assertThat(rate.behind(7 * SECOND + 1, () -> 1)).isTrue();
	}

	@Test
	void isNeverBehindWhenNothingWaits() {
		ResponseRate rate = new ResponseRate(RATE);
		rate.wrote(100);
		assertThat(rate.behind(SECOND, () -> 0)).isFalse();
		assertThat(rate.behind(100 * SECOND, () -> 0)).isFalse();
	}

	@Test
	void doesNotHoldEarlierFastWritesAgainstALaterOne() {
		ResponseRate rate = new ResponseRate(RATE);
		rate.wrote(100);
		assertThat(rate.behind(SECOND, () -> 0)).isFalse();
		rate.wrote(100);
		assertThat(rate.behind(100 * SECOND, () -> 100)).isFalse();
		assertThat(rate.behind(102 * SECOND, () -> 100)).isFalse();
		assertThat(rate.behind(102 * SECOND + 1, () -> 100)).isTrue();
	}

	@Test
	void isNeverBehindWithoutAMinimum() {
		ResponseRate rate = new ResponseRate(MinDataRate.OFF);
		rate.wrote(100);
		assertThat(rate.behind(SECOND, () -> 100)).isFalse();
		assertThat(rate.behind(1000 * SECOND, () -> 100)).isFalse();
	}

}
