package io.zokio.engine.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsParticipant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.ConnectionObserver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection whose writes wait is not read: the seat keeps the pipeline's reads back while the
 * channel is not writable and passes one on once its writes drain, as a transport that schedules
 * reads only when asked (io_uring, one receive a loop) then stops reading a client that does not
 * read its answers.
 */
class ReadBackpressureTests {

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final ReadCounter reads = new ReadCounter();

	ReadBackpressureTests() {
		this.channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
		new ZokioPipelineConfigurer(List.of(new StatisticsParticipant(new ConnectionStatistics(Duration.ofSeconds(60)))))
			.onChannelInit(ConnectionObserver.emptyListener(), this.channel, null);
		this.channel.pipeline().addFirst(this.reads);
	}

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void passesReadsOnWhileTheConnectionIsWritable() {
		this.channel.read();
		this.channel.read();
		assertThat(this.channel.isWritable()).isTrue();
		assertThat(this.reads.count).isEqualTo(2);
	}

	@Test
	void keepsReadsBackWhileWritesWaitAndPassesOneOnOnceTheyDrain() {
		this.channel.write(Unpooled.copiedBuffer("more than the high water mark", StandardCharsets.US_ASCII));
		assertThat(this.channel.isWritable()).isFalse();
		this.channel.read();
		this.channel.read();
		assertThat(this.reads.count).as("reads while the writes wait").isZero();
		this.channel.flush();
		this.channel.runPendingTasks();
		assertThat(this.channel.isWritable()).isTrue();
		assertThat(this.reads.count).as("reads once the writes drained").isOne();
		this.channel.read();
		assertThat(this.reads.count).isEqualTo(2);
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
