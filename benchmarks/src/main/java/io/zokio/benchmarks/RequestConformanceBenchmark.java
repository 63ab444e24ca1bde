package io.zokio.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.limit.Gradient2Limit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.zokio.engine.conformance.ConformanceParticipant;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.overload.OverloadParticipant;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.ZokioPipelineConfigurer;
import io.zokio.engine.protection.ConnectionLimits;
import io.zokio.engine.protection.ProtectionParticipant;
import io.zokio.engine.protection.ServerConnections;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * The HTTP/1.1 request path with and without Zokio's conformance checks: one request decoded by
 * Netty's {@code HttpServerCodec} and answered, on a keep-alive connection, by the codec alone, with
 * Zokio's two seats and no listener (their own cost, the {@code Date} header included), and with the
 * conformance and protection listeners too (raw framing before the codec, head rules after it,
 * deadlines). Run with {@code -prof gc} for the allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RequestConformanceBenchmark {

	private static final String HEADERS = "Host: localhost:8080\r\nUser-Agent: wrk\r\n"
			+ "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,*/*;q=0.8\r\n"
			+ "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n";

	/**
	 * What takes part besides Netty's codec: nothing ({@code netty}), Zokio's two seats with no
	 * listener ({@code seats}), the seats with the conformance and protection listeners
	 * ({@code zokio}), or those and the overload limit's ({@code overload}: a slot of a
	 * {@code gradient2} limit taken at each request head and given back at its response head).
	 */
	@Param({ "netty", "seats", "zokio", "overload" })
	public String layer;

	/**
	 * The request: a {@code GET} with browser-like headers, a {@code POST} with a chunked body of
	 * three chunks, one with an extension, and a trailer, or a {@code POST} of
	 * {@value #EXTENDED_CHUNKS} one-byte chunks each with a {@value #EXTENSION_SIZE}-byte extension
	 * ({@code extensions}: the cost of extension bytes, under Zokio's 16 KiB bound) or without one
	 * ({@code chunks}: what {@code extensions} costs besides its extension bytes).
	 */
	@Param({ "get", "chunked", "extensions", "chunks" })
	public String request;

	static final int EXTENDED_CHUNKS = 64;

	/**
	 * The initial line limit of Netty's codec by default, which Zokio's framing applies to chunk
	 * size lines.
	 */
	static final int MAX_LINE_LENGTH = 4096;

	static final int EXTENSION_SIZE = 200;

	private EmbeddedChannel channel;

	private ByteBuf bytes;

	@Setup(Level.Trial)
	public void open() {
		this.channel = new EmbeddedChannel();
		this.channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
		this.channel.pipeline().addLast(new Responder());
		if (!this.layer.equals("netty")) {
			ConnectionLimits limits = new ConnectionLimits(100, Duration.ofSeconds(10), Duration.ofSeconds(10),
					Duration.ofSeconds(10), 1024 * 1024);
			List<ConnectionParticipant> participants = new ArrayList<>();
			if (!this.layer.equals("seats")) {
				participants.add(new ConformanceParticipant(limits.maxRequestBodySize(), MAX_LINE_LENGTH));
				participants.add(new ProtectionParticipant(limits, new ServerConnections(100)));
			}
			if (this.layer.equals("overload")) {
				participants.add(new OverloadParticipant(new ConcurrencyLimit("gradient2",
						Gradient2Limit.newBuilder().build(), List.of("/actuator/health"), System::nanoTime)));
			}
			new ZokioPipelineConfigurer(participants).onChannelInit(ConnectionObserver.emptyListener(), this.channel,
					null);
		}
		String text = switch (this.request) {
			case "get" -> "GET /plaintext?user=1&page=2 HTTP/1.1\r\n" + HEADERS + "\r\n";
			case "chunked" -> "POST /echo HTTP/1.1\r\n" + HEADERS + "Transfer-Encoding: chunked\r\n\r\n"
					+ "10\r\n0123456789abcdef\r\n8;name=\"value\"\r\n01234567\r\n4\r\nabcd\r\n0\r\nX-Check: 1\r\n\r\n";
			case "chunks" -> "POST /echo HTTP/1.1\r\n" + HEADERS + "Transfer-Encoding: chunked\r\n\r\n"
					+ "1\r\nx\r\n".repeat(EXTENDED_CHUNKS) + "0\r\n\r\n";
			default -> "POST /echo HTTP/1.1\r\n" + HEADERS + "Transfer-Encoding: chunked\r\n\r\n"
					+ ("1;n=" + "v".repeat(EXTENSION_SIZE - 3) + "\r\nx\r\n").repeat(EXTENDED_CHUNKS) + "0\r\n\r\n";
		};
		this.bytes = Unpooled.unreleasableBuffer(
				PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(text.getBytes(StandardCharsets.US_ASCII)));
	}

	@TearDown(Level.Trial)
	public void close() {
		this.channel.finishAndReleaseAll();
	}

	/**
	 * Decode one request and answer it.
	 * @return the channel, so that nothing is eliminated
	 */
	@Benchmark
	public EmbeddedChannel exchange() {
		this.channel.writeInbound(this.bytes.duplicate());
		this.channel.releaseOutbound();
		return this.channel;
	}

	private static final class Responder extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			boolean last = msg instanceof LastHttpContent;
			ReferenceCountUtil.release(msg);
			if (last) {
				DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
						HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
				response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
				ctx.writeAndFlush(response);
			}
		}

	}

}
