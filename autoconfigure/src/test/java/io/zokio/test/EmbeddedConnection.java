package io.zokio.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.zokio.engine.conformance.ConformanceParticipant;
import io.zokio.engine.pipeline.ZokioPipelineConfigurer;
import io.zokio.engine.protection.ConnectionLimits;
import io.zokio.engine.protection.ProtectionParticipant;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsParticipant;
import org.jspecify.annotations.Nullable;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * One HTTP/1.1 connection on an {@link EmbeddedChannel}: Netty's server codec configured as Zokio
 * configures Reactor Netty's (request line up to 8,192 octets, field section up to 8,192), Zokio's
 * seats with the conformance, protection and statistics participants as the wiring orders them, and
 * an application that answers {@code 200} ({@code /size} with the body's size) and, as Reactor Netty
 * does, {@code 400} and a close for a request the decoder failed. Every byte is released.
 */
public final class EmbeddedConnection implements AutoCloseable {

	private static final int MAX_REQUEST_BODY_SIZE = 1024 * 1024;

	private static final int MAX_LINE_LENGTH = 8192;

	private final ConnectionStatistics statistics;

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final StringBuilder written = new StringBuilder();

	public EmbeddedConnection(ConnectionStatistics statistics) {
		this(statistics, MAX_REQUEST_BODY_SIZE);
	}

	/**
	 * Open a connection whose requests may carry bodies up to the given size.
	 * @param statistics the statistics the connection counts into
	 * @param maxRequestBodySize the largest request body in bytes
	 */
	public EmbeddedConnection(ConnectionStatistics statistics, long maxRequestBodySize) {
		this.statistics = statistics;
		HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(MAX_LINE_LENGTH).setMaxHeaderSize(8192);
		this.channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec(decoder));
		this.channel.pipeline().addLast(new Application());
		ConnectionLimits limits = new ConnectionLimits(100, Duration.ofSeconds(10), Duration.ofSeconds(10),
				Duration.ofSeconds(10), maxRequestBodySize);
		new ZokioPipelineConfigurer(List.of(new ConformanceParticipant(maxRequestBodySize, MAX_LINE_LENGTH),
				new ProtectionParticipant(limits, new ServerConnections(100)), new StatisticsParticipant(statistics)))
			.onChannelInit(ConnectionObserver.emptyListener(), this.channel, null);
	}

	/**
	 * Send bytes in the given pieces, one read each, as long as the connection is open.
	 * @param pieces the pieces, one character per byte
	 * @return this connection
	 */
	public EmbeddedConnection send(String... pieces) {
		for (String piece : pieces) {
			if (!this.channel.isOpen()) {
				break;
			}
			this.channel.writeInbound(Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1));
			this.channel.runPendingTasks();
		}
		drainOutbound();
		return this;
	}

	/**
	 * Return how many bytes the server wrote so far.
	 * @return the bytes
	 */
	public long bytesWritten() {
		drainOutbound();
		return this.written.length();
	}

	public boolean isOpen() {
		return this.channel.isOpen();
	}

	public ConnectionStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Return the responses written so far, parsed from the bytes the codec encoded.
	 * @return the responses, in order
	 */
	public List<Response> responses() {
		drainOutbound();
		List<Response> responses = new ArrayList<>();
		String rest = this.written.toString();
		while (!rest.isEmpty()) {
			int headEnd = rest.indexOf("\r\n\r\n");
			if (headEnd < 0) {
				break;
			}
			String[] lines = rest.substring(0, headEnd).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
			int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
			int bodyStart = headEnd + 4;
			responses.add(new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
					rest.substring(bodyStart, bodyStart + length)));
			rest = rest.substring(bodyStart + length);
		}
		return responses;
	}

	private void drainOutbound() {
		Object msg;
		while ((msg = this.channel.readOutbound()) != null) {
			if (msg instanceof ByteBuf bytes) {
				this.written.append(bytes.toString(StandardCharsets.ISO_8859_1));
			}
			ReferenceCountUtil.release(msg);
		}
	}

	@Override
	public void close() {
		this.channel.finishAndReleaseAll();
	}

	/**
	 * One response as the client reads it.
	 * @param status the status
	 * @param headers the headers, names in lower case
	 * @param body the body
	 */
	public record Response(int status, Map<String, String> headers, String body) {

	}

	private static final class Application extends ChannelInboundHandlerAdapter {

		private @Nullable HttpRequest request;

		private long bodySize;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			try {
				if (msg instanceof HttpRequest head) {
					this.request = head;
					this.bodySize = 0;
					if (head.decoderResult().isFailure()) {
						answer(ctx, HttpResponseStatus.BAD_REQUEST, "", true);
						return;
					}
				}
				if (msg instanceof HttpContent content) {
					this.bodySize += content.content().readableBytes();
				}
				HttpRequest head = this.request;
				if (msg instanceof LastHttpContent && head != null && !head.decoderResult().isFailure()) {
					String body = head.uri().startsWith("/size") ? String.valueOf(this.bodySize) : "Hello, World!";
					answer(ctx, HttpResponseStatus.OK, body, !HttpUtil.isKeepAlive(head));
				}
			}
			finally {
				ReferenceCountUtil.release(msg);
			}
		}

		private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean close) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.copiedBuffer(body, StandardCharsets.ISO_8859_1));
			response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length());
			if (close) {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			}
			ChannelFuture written = ctx.writeAndFlush(response);
			if (close) {
				written.addListener(ChannelFutureListener.CLOSE);
			}
		}

	}

}
