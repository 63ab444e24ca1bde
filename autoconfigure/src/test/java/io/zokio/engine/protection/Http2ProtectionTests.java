package io.zokio.engine.protection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Seat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write timeout of a multiplexed connection: its writes, all streams together, must make
 * progress within the timeout while some wait to be written.
 */
class Http2ProtectionTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final RecordingSeat seat = new RecordingSeat();

	private final ProtectionSettings settings = ProtectionSettings.of(new ConnectionLimits(100, Duration.ofSeconds(10),
			Duration.ofSeconds(30), Duration.ofSeconds(4), -1, ConnectionLimits.DEFAULT_MAX_CONTROL_FRAMES,
			ConnectionLimits.DEFAULT_CONTROL_FRAME_WINDOW, MinDataRate.OFF, MinDataRate.OFF, Duration.ofSeconds(30)),
			false);

	@Test
	void cutsAConnectionWhosePendingWritesStayTheSameForTheWriteTimeout() {
		long start = System.nanoTime();
		Http2Protection connection = connection(start);
		this.seat.pending = 1000;
		connection.check(start + 2 * SECOND);
		connection.check(start + 5 * SECOND);
		assertThat(this.seat.cuts).isEmpty();
		connection.check(start + 7 * SECOND);
		assertThat(this.seat.cuts).containsExactly(CloseReason.REQUEST_TIMEOUT);
	}

	@Test
	void keepsAConnectionWhosePendingWritesChangeOrGrowByNewWrites() {
		long start = System.nanoTime();
		WriteProgress writes = new WriteProgress(this.seat, this.settings);
		Http2Protection connection = new Http2Protection(this.seat, this.settings, 0, new NextRequest(this.settings, start),
				false, writes);
		this.seat.pending = 1000;
		for (int i = 1; i <= 10; i++) {
			if (i % 2 == 0) {
				this.seat.pending -= 10;
			}
			else {
				writes.wrote();
			}
			connection.check(start + 2 * i * SECOND);
		}
		assertThat(this.seat.cuts).isEmpty();
	}

	@Test
	void keepsAConnectionWithNothingToWrite() {
		long start = System.nanoTime();
		Http2Protection connection = connection(start);
		for (int i = 1; i <= 10; i++) {
			connection.check(start + 2 * i * SECOND);
		}
		assertThat(this.seat.cuts).isEmpty();
	}

	private Http2Protection connection(long start) {
		return new Http2Protection(this.seat, this.settings, 0, new NextRequest(this.settings, start), false,
				new WriteProgress(this.seat, this.settings));
	}

	private static final class RecordingSeat implements Seat {

		private final List<CloseReason> cuts = new ArrayList<>();

		private long pending;

		@Override
		public void close(CloseReason reason) {
			this.cuts.add(reason);
		}

		@Override
		public void cut(CloseReason reason) {
			this.cuts.add(reason);
		}

		@Override
		public void abort(CloseReason reason) {
			this.cuts.add(reason);
		}

		@Override
		public void goAway(Http2Error error) {
		}

		@Override
		public void willClose(CloseReason reason) {
		}

		@Override
		public long pendingWriteBytes() {
			return this.pending;
		}

	}

}
