package io.zokio.engine.pipeline;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.uring.IoUringBufferRingExhaustedEvent;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.BufferPoolSettings;
import io.zokio.engine.buffer.MemoryGuardParticipant;
import io.zokio.engine.buffer.MemoryLimits;
import io.zokio.engine.buffer.ReadBufferRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.ConnectionObserver;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netty's own {@link IoUringBufferRingExhaustedEvent}, fired through a connection's real pipeline
 * as io_uring fires it when a read finds its loop's ring empty: the seat hands it to the buffer
 * room, which counts every one and logs one WARN an episode, and the event goes on down the
 * pipeline.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadBufferExhaustionTests {

	private static final long MB = 1024 * 1024;

	private final BufferPool pool = BufferPool.create(
			new BufferPoolSettings(0, true, 1, 8192, 4 * (int) MB, true, 256, 64, false, 16, 1024),
			new MemoryLimits(8L * 1024 * MB, 0, 1024L * MB, -1));

	@AfterEach
	void close() {
		this.pool.close();
	}

	@Test
	void countsEveryExhaustionLogsTheEpisodeOnceAndPassesTheEventOn(CapturedOutput output) throws Exception {
		EmbeddedChannel channel = new EmbeddedChannel();
		new ZokioPipelineConfigurer(List.of(new MemoryGuardParticipant(this.pool)))
			.onChannelInit(ConnectionObserver.emptyListener(), channel, null);
		List<Object> passedOn = new ArrayList<>();
		channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {

			@Override
			public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
				passedOn.add(evt);
			}

		});
		Object exhausted = exhaustedEvent();
		for (int i = 0; i < 3; i++) {
			channel.pipeline().fireUserEventTriggered(exhausted);
		}
		ReadBufferRing ring = this.pool.readBufferRing();
		assertThat(ring.exhaustions()).isEqualTo(3);
		assertThat(ring.episodes()).as("three exhaustions within a second").isOne();
		assertThat(output.getOut().split(Pattern.quote("read buffer ring (16 buffers of 1024 bytes) is exhausted"), -1))
			.hasSize(2);
		assertThat(passedOn).containsExactly(exhausted, exhausted, exhausted);
		channel.pipeline().fireUserEventTriggered("another event");
		assertThat(ring.exhaustions()).isEqualTo(3);
		channel.finishAndReleaseAll();
	}

	private static IoUringBufferRingExhaustedEvent exhaustedEvent() throws ReflectiveOperationException {
		Constructor<IoUringBufferRingExhaustedEvent> constructor = IoUringBufferRingExhaustedEvent.class
			.getDeclaredConstructor(short.class);
		constructor.setAccessible(true);
		return constructor.newInstance((short) 0);
	}

}
