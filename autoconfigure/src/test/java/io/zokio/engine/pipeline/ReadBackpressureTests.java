package io.zokio.engine.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsParticipant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.ConnectionObserver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection whose writes wait is not read: the seat keeps the pipeline's reads back while the
 * channel is not writable, and while its last write is under way, and passes one on once its
 * writes drain, as a transport that schedules reads only when asked (io_uring, one receive a loop)
 * then stops reading a client that does not read its answers; where reads go into io_uring's read
 * buffer ring, a read also waits for the connection's last write, so that a busy connection holds
 * one read's worth of the pool rather than one for each turn of the loop.
 */
class ReadBackpressureTests {

	private static final WriteBufferWaterMark NARROW = new WriteBufferWaterMark(8, 16);

	private static final WriteBufferWaterMark WIDE = new WriteBufferWaterMark(1024, 2048);

	private final ReadCounter reads = new ReadCounter();

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private EmbeddedChannel open(WriteBufferWaterMark waterMark, boolean readsAwaitWrites) {
		this.channel.config().setWriteBufferWaterMark(waterMark);
		new ZokioPipelineConfigurer(List.of(new StatisticsParticipant(new ConnectionStatistics(Duration.ofSeconds(60)))),
				() -> readsAwaitWrites)
			.onChannelInit(ConnectionObserver.emptyListener(), this.channel, null);
		this.channel.pipeline().addFirst(this.reads);
		return this.channel;
	}

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@ParameterizedTest(name = "reads await writes: {0}")
	@ValueSource(booleans = { false, true })
	void passesReadsOnWhileTheConnectionIsWritable(boolean readsAwaitWrites) {
		EmbeddedChannel channel = open(NARROW, readsAwaitWrites);
		channel.read();
		channel.read();
		assertThat(channel.isWritable()).isTrue();
		assertThat(this.reads.count).isEqualTo(2);
	}

	@ParameterizedTest(name = "reads await writes: {0}")
	@ValueSource(booleans = { false, true })
	void keepsReadsBackWhileWritesWaitAndPassesOneOnOnceTheyDrain(boolean readsAwaitWrites) {
		EmbeddedChannel channel = open(NARROW, readsAwaitWrites);
		channel.write(Unpooled.copiedBuffer("more than the high water mark", StandardCharsets.US_ASCII));
		assertThat(channel.isWritable()).isFalse();
		channel.read();
		channel.read();
		assertThat(this.reads.count).as("reads while the writes wait").isZero();
		channel.flush();
		channel.runPendingTasks();
		assertThat(channel.isWritable()).isTrue();
		assertThat(this.reads.count).as("reads once the writes drained").isOne();
		channel.read();
		assertThat(this.reads.count).isEqualTo(2);
	}

	@Test
	void keepsReadsBackWhileTheLastWriteIsUnderWayAndPassesOneOnWhenItCompletes() {
		EmbeddedChannel channel = open(WIDE, true);
		ChannelFuture write = channel.write(Unpooled.copiedBuffer("short", StandardCharsets.US_ASCII));
		assertThat(channel.isWritable()).isTrue();
		channel.read();
		channel.read();
		assertThat(this.reads.count).as("reads while the write is under way").isZero();
		channel.flush();
		assertThat(write.isSuccess()).isTrue();
		assertThat(this.reads.count).as("reads once it completed").isOne();
		channel.read();
		assertThat(this.reads.count).isEqualTo(2);
	}

	@Test
	void passesReadsOnWhileAWriteIsUnderWayUnlessReadsAwaitWrites() {
		EmbeddedChannel channel = open(WIDE, false);
		channel.write(Unpooled.copiedBuffer("short", StandardCharsets.US_ASCII));
		channel.read();
		assertThat(this.reads.count).isOne();
		channel.flush();
	}

	@Test
	void passesReadsOnWhenTheLastWriteCannotBeWatched() {
		EmbeddedChannel channel = open(WIDE, true);
		channel.write(Unpooled.copiedBuffer("short", StandardCharsets.US_ASCII), channel.voidPromise());
		channel.read();
		assertThat(this.reads.count).as("a write with a void promise never completes visibly").isOne();
		channel.flush();
	}

	private static final class ReadCounter extends ChannelOutboundHandlerAdapter {

		private int count;

		@Override
		public void read(ChannelHandlerContext ctx) {
			this.count++;
			ctx.read();
		}

	}

}
