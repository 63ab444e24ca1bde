package io.zokio.engine.protection;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a connection's next request is late: its first byte behind a PROXY protocol balancer, its
 * arrival after the idle timeout, its head after the header timeout.
 */
class NextRequestTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private static final long START = 1_000 * SECOND;

	@Test
	void isIdleOnceTheTimeoutHasPassedSinceTheAcceptAndOnlyOnce() {
		NextRequest next = new NextRequest(settings(Duration.ofSeconds(30), false), START);
		assertThat(next.idle(START + 30 * SECOND - 1)).isFalse();
		assertThat(next.idle(START + 30 * SECOND)).isTrue();
		assertThat(next.idle(START + 60 * SECOND)).isFalse();
	}

	@Test
	void countsTheIdleTimeFromTheEndOfTheLastExchange() {
		NextRequest next = new NextRequest(settings(Duration.ofSeconds(30), false), START);
		next.bytesRead();
		next.requestReceived();
		assertThat(next.idle(START + 40 * SECOND)).isFalse();
		next.awaited(START + 20 * SECOND);
		assertThat(next.idle(START + 49 * SECOND)).isFalse();
		assertThat(next.idle(START + 50 * SECOND)).isTrue();
	}

	@Test
	void stopsWaitingAtAByteOrARequest() {
		NextRequest read = new NextRequest(settings(Duration.ofSeconds(30), true), START);
		assertThat(read.bytesRead()).as("the connection's first bytes").isTrue();
		assertThat(read.bytesRead()).isFalse();
		assertThat(read.idle(START + 60 * SECOND)).isFalse();
		assertThat(read.firstByteLate(START + 60 * SECOND)).isFalse();
		NextRequest requested = new NextRequest(settings(Duration.ofSeconds(30), false), START);
		requested.requestReceived();
		assertThat(requested.idle(START + 60 * SECOND)).isFalse();
	}

	@Test
	void neverIdlesWithoutAnIdleTimeout() {
		NextRequest next = new NextRequest(settings(Duration.ZERO, false), START);
		next.awaited(START);
		assertThat(next.idle(START + 3600 * SECOND)).isFalse();
	}

	@Test
	void holdsTheFirstByteToTheHeaderTimeoutOnlyBehindAProxyProtocolBalancer() {
		NextRequest proxied = new NextRequest(settings(Duration.ofSeconds(30), true), START);
		assertThat(proxied.firstByteLate(START + 10 * SECOND - 1)).isFalse();
		assertThat(proxied.firstByteLate(START + 10 * SECOND)).isTrue();
		assertThat(proxied.firstByteLate(START + 20 * SECOND)).isFalse();
		NextRequest direct = new NextRequest(settings(Duration.ofSeconds(30), false), START);
		assertThat(direct.firstByteLate(START + 20 * SECOND)).isFalse();
	}

	@Test
	void holdsAStartedHeadToTheHeaderTimeoutFromItsFirstBytesUntilTheRequestComes() {
		NextRequest next = new NextRequest(settings(Duration.ofSeconds(30), false), START);
		assertThat(next.headLate(START + 60 * SECOND)).as("no head started").isFalse();
		next.headStarted(START);
		next.headStarted(START + 5 * SECOND);
		assertThat(next.headLate(START + 10 * SECOND - 1)).isFalse();
		assertThat(next.headLate(START + 10 * SECOND)).as("from the first bytes, not the later ones").isTrue();
		next.requestReceived();
		assertThat(next.headLate(START + 20 * SECOND)).isFalse();
		next.headStarted(START + 20 * SECOND);
		next.headStopped();
		assertThat(next.headLate(START + 40 * SECOND)).isFalse();
	}

	private static ProtectionSettings settings(Duration idleTimeout, boolean proxyHeaderFirst) {
		ConnectionLimits limits = new ConnectionLimits(100, Duration.ofSeconds(10), Duration.ofSeconds(30),
				Duration.ofSeconds(30), -1, ConnectionLimits.DEFAULT_MAX_CONTROL_FRAMES,
				ConnectionLimits.DEFAULT_CONTROL_FRAME_WINDOW, MinDataRate.DEFAULT, MinDataRate.DEFAULT, idleTimeout);
		return ProtectionSettings.of(limits, proxyHeaderFirst);
	}

}
