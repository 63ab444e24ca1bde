package io.zokio.engine.protection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimum request body rate, driven with known times and byte counts.
 */
class ThroughputTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final MinDataRate RATE = new MinDataRate(100, Duration.ofSeconds(2));

	@Test
	void isNotCheckedWithinTheGracePeriod() {
		Throughput body = new Throughput(RATE);
		body.start(0);
		assertThat(body.belowMinimum(SECOND, true)).isFalse();
		assertThat(body.belowMinimum(2 * SECOND - 1, true)).isFalse();
		assertThat(body.belowMinimum(2 * SECOND, true)).isTrue();
	}

	@Test
	void averagesTheBytesFromTheStartOverTheTimeCounted() {
		Throughput body = new Throughput(RATE);
		body.start(0);
		body.moved(250);
		assertThat(body.belowMinimum(2 * SECOND, true)).isFalse();
		assertThat(body.belowMinimum(SECOND * 5 / 2, true)).isFalse();
		assertThat(body.belowMinimum(SECOND * 5 / 2 + 1, true)).isTrue();
		body.moved(100);
		assertThat(body.belowMinimum(3 * SECOND, true)).isFalse();
	}

	@Test
	void doesNotCountTheTimeTheServerHoldsTheBodyBack() {
		Throughput body = new Throughput(RATE);
		body.start(0);
		body.moved(250);
		assertThat(body.belowMinimum(SECOND, true)).isFalse();
		assertThat(body.belowMinimum(60 * SECOND, false)).isFalse();
		assertThat(body.belowMinimum(61 * SECOND, true)).isFalse();
		assertThat(body.belowMinimum(61 * SECOND + SECOND / 2 + 1, true)).isTrue();
	}

	@Test
	void isNeverBelowOnceStoppedOrWithoutAMinimum() {
		Throughput stopped = new Throughput(RATE);
		stopped.start(0);
		stopped.stop();
		assertThat(stopped.belowMinimum(10 * SECOND, true)).isFalse();
		Throughput off = new Throughput(MinDataRate.OFF);
		off.start(0);
		assertThat(off.isRunning()).isFalse();
		assertThat(off.belowMinimum(10 * SECOND, true)).isFalse();
	}

	@Test
	void startsAgainFromNothing() {
		Throughput body = new Throughput(RATE);
		body.start(0);
		body.moved(1_000_000);
		assertThat(body.belowMinimum(10 * SECOND, true)).isFalse();
		body.start(10 * SECOND);
		assertThat(body.belowMinimum(12 * SECOND, true)).isTrue();
	}

}
