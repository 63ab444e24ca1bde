package io.zokio.engine.stats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics handlers on their own, as the engine installs them when no guard takes the place of
 * the one after the codec, on a real Netty pipeline with the HTTP/1.1 codec.
 */
class StatisticsPipelineConfigurerTests {

	private final ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60));

	@Test
	void recordsAnExchangeWithItsOwnHandlerAfterTheCodec() {
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
		new StatisticsPipelineConfigurer(this.statistics).onChannelInit(null, channel, null);
		assertThat(channel.pipeline().names()).containsSubsequence(ConnectionStatisticsHandler.NAME,
				NettyPipeline.HttpCodec, HttpExchangeStatisticsHandler.NAME);
		byte[] request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		channel.writeInbound(Unpooled.wrappedBuffer(request));
		Object decoded;
		while ((decoded = channel.readInbound()) != null) {
			ReferenceCountUtil.release(decoded);
		}
		assertThat(this.statistics.inState(ConnectionState.PROCESSING)).isOne();
		DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.NOT_FOUND, Unpooled.copiedBuffer("none", StandardCharsets.US_ASCII));
		response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 4);
		channel.writeAndFlush(response, channel.voidPromise());
		long written = 0;
		ByteBuf encoded;
		while ((encoded = channel.readOutbound()) != null) {
			written += encoded.readableBytes();
			encoded.release();
		}
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.requests()).isOne();
		assertThat(snapshot.responses().get(StatusClass.CLIENT_ERROR)).isOne();
		assertThat(snapshot.inFlight()).isZero();
		assertThat(snapshot.latencySinceStart().count()).isOne();
		assertThat(snapshot.bytesRead()).isEqualTo(request.length);
		assertThat(snapshot.bytesWritten()).isEqualTo(written).isPositive();
		assertThat(this.statistics.inState(ConnectionState.IDLE)).isOne();
		channel.finishAndReleaseAll();
		assertThat(this.statistics.snapshot().closedBy().get(CloseReason.SERVER)).isOne();
	}

}
