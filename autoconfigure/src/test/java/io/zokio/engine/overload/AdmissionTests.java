package io.zokio.engine.overload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.zokio.engine.conformance.ConformanceParticipant;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ZokioPipelineConfigurer;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsParticipant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency limit through the real seats on {@link EmbeddedChannel}s, with an application that
 * answers when the test says and a clock the test moves: the slot taken at the request head and given
 * back at the response head, the {@code 503} answered in turn on a connection kept open, exempt
 * paths, slots given back on refusals and closes, and the limit adapting to the latencies it sees.
 */
class AdmissionTests {

	private static final String GET = "GET /work HTTP/1.1\r\nHost: a\r\n\r\n";

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60));

	private final List<HeldConnection> connections = new ArrayList<>();

	@AfterEach
	void close() {
		this.connections.forEach(HeldConnection::close);
	}

	@Test
	void answersARequestBeyondTheLimit503InItsTurnAndKeepsTheConnection() {
		ConcurrencyLimit limit = limit(FixedLimit.of(1));
		HeldConnection connection = connect(limit);
		connection.send(GET + GET);
		assertThat(connection.held()).hasSize(1);
		assertThat(limit.inFlight()).isOne();
		assertThat(connection.written()).as("the 503 waits for the response ahead of it").isEmpty();
		connection.answer(0);
		String written = connection.written();
		assertThat(written).startsWith("HTTP/1.1 200 OK\r\n");
		String shed = written.substring(written.indexOf("HTTP/1.1 503"));
		assertThat(shed).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("retry-after: 1\r\n")
			.doesNotContain("connection: close").endsWith(Refusal.CONCURRENCY_LIMIT.body());
		assertThat(connection.isOpen()).isTrue();
		assertThat(limit.inFlight()).isZero();
		assertThat(limit.shed()).isOne();
		assertThat(this.statistics.count(Refusal.CONCURRENCY_LIMIT)).isOne();
		connection.send(GET);
		assertThat(connection.held()).as("admitted again once the slot is back").hasSize(2);
	}

	@Test
	void closesAfterTheAnswerWhenTheShedRequestHasABody() {
		ConcurrencyLimit limit = limit(FixedLimit.of(1));
		HeldConnection busy = connect(limit);
		busy.send(GET);
		HeldConnection shed = connect(limit);
		shed.send("POST /work HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhel");
		assertThat(shed.written()).startsWith("HTTP/1.1 503").contains("connection: close\r\n");
		assertThat(shed.isOpen()).isFalse();
		assertThat(limit.shed()).isOne();
		assertThat(limit.inFlight()).isOne();
	}

	@Test
	void letsExemptPathsAndThePathsBelowThemPassWithoutASlot() {
		ConcurrencyLimit limit = limit(FixedLimit.of(1));
		HeldConnection connection = connect(limit);
		connection.send(GET);
		HeldConnection checks = connect(limit);
		checks.send("GET /actuator/health HTTP/1.1\r\nHost: a\r\n\r\n",
				"GET /actuator/health/readiness?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
		assertThat(checks.held()).hasSize(2);
		checks.answer(0);
		checks.answer(1);
		checks.send("GET /actuator/healthz HTTP/1.1\r\nHost: a\r\n\r\n");
		assertThat(checks.written()).contains("HTTP/1.1 200 OK").contains("HTTP/1.1 503");
		assertThat(limit.shed()).isOne();
		assertThat(limit.inFlight()).isOne();
	}

	@Test
	void givesTheSlotBackWhenAnotherParticipantRefusesTheRequest() {
		ConcurrencyLimit limit = limit(FixedLimit.of(1));
		HeldConnection connection = connect(limit);
		connection.send("GET /work HTTP/1.1\r\nHost: a@b\r\n\r\n");
		assertThat(connection.written()).startsWith("HTTP/1.1 400");
		assertThat(limit.inFlight()).isZero();
		assertThat(limit.shed()).isZero();
	}

	@Test
	void countsAsShedOnlyARequestAnswered503() {
		ConcurrencyLimit limit = limit(FixedLimit.of(1));
		connect(limit).send(GET);
		HeldConnection malformed = connect(limit);
		malformed.send("GET /work HTTP/1.1\r\nHost: a@b\r\n\r\n");
		assertThat(malformed.written()).as("the first refusal wins").startsWith("HTTP/1.1 400");
		assertThat(limit.shed()).isZero();
		assertThat(this.statistics.count(Refusal.CONCURRENCY_LIMIT)).isZero();
		assertThat(limit.inFlight()).isOne();
	}

	@Test
	void givesEverySlotBackWhenTheConnectionCloses() {
		ConcurrencyLimit limit = limit(FixedLimit.of(5));
		HeldConnection connection = connect(limit);
		connection.send(GET + GET + GET);
		assertThat(limit.inFlight()).isEqualTo(3);
		connection.close();
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void givesEachOfTenPipelinedRequestsItsSlotBackInTurnWithItsOwnLatency() {
		RecordingLimit algorithm = new RecordingLimit(20);
		ConcurrencyLimit limit = limit(algorithm);
		HeldConnection connection = connect(limit);
		for (int i = 0; i < 10; i++) {
			connection.send(GET);
			advance(Duration.ofMillis(1));
		}
		assertThat(limit.inFlight()).isEqualTo(10);
		for (int i = 0; i < 10; i++) {
			connection.answer(i);
			assertThat(limit.inFlight()).isEqualTo(9 - i);
		}
		assertThat(algorithm.samples()).as("each slot's latency and the requests in flight when it was taken")
			.containsExactly("10ms/1", "9ms/2", "8ms/3", "7ms/4", "6ms/5", "5ms/6", "4ms/7", "3ms/8", "2ms/9",
					"1ms/10");
	}

	@Test
	void givesEveryPipelinedSlotBackWithoutASampleWhenTheLatestRequestIsRefused() {
		RecordingLimit algorithm = new RecordingLimit(20);
		ConcurrencyLimit limit = limit(algorithm);
		HeldConnection connection = connect(limit);
		connection.send(GET + GET + GET + GET + GET);
		assertThat(limit.inFlight()).isEqualTo(5);
		connection.send("GET /work HTTP/1.1\r\nHost: a@b\r\n\r\n");
		assertThat(connection.written()).contains("HTTP/1.1 400");
		assertThat(limit.inFlight()).as("the 400 closes the connection and every slot comes back").isZero();
		assertThat(algorithm.samples()).isEmpty();
	}

	@Test
	void aimdGrowsWhileRequestsAreFastAndBacksOffOnASlowOne() {
		ConcurrencyLimit limit = limit(AIMDLimit.newBuilder().initialLimit(4).minLimit(1).maxLimit(10)
			.backoffRatio(0.5).timeout(10, TimeUnit.MILLISECONDS).build());
		List<HeldConnection> busy = connect(limit, 4);
		busy.forEach((connection) -> connection.send(GET));
		assertThat(limit.inFlight()).isEqualTo(4);
		advance(Duration.ofMillis(1));
		busy.get(3).answer(0);
		assertThat(limit.limit()).as("fast, taken when the limit was used").isEqualTo(5);
		advance(Duration.ofMillis(20));
		busy.get(2).answer(0);
		assertThat(limit.limit()).as("slower than the timeout: halved").isEqualTo(2);
		HeldConnection late = connect(limit);
		late.send(GET);
		assertThat(late.written()).as("two still in flight at a limit of two").startsWith("HTTP/1.1 503");
	}

	@Test
	void gradient2ShrinksTheLimitWhenLatencyRisesAboveItsLongTermAverage() {
		ConcurrencyLimit limit = limit(Gradient2Limit.newBuilder().initialLimit(20).minLimit(2).maxConcurrency(100)
			.build());
		List<HeldConnection> busy = connect(limit, 20);
		for (int round = 0; round < 50; round++) {
			exchangeOnEach(busy, Duration.ofMillis(1));
		}
		int steady = limit.limit();

		assertThat(steady).as("grows while the latency holds").isGreaterThan(20);
		busy.addAll(connect(limit, steady - busy.size()));
		for (int round = 0; round < 5; round++) {
			exchangeOnEach(busy, Duration.ofMillis(10));
		}
		assertThat(limit.limit()).as("twice the requests, ten times slower").isLessThan(steady / 2);
	}

	private void exchangeOnEach(List<HeldConnection> connections, Duration latency) {
		List<HeldConnection> admitted = new ArrayList<>();
		for (HeldConnection connection : connections) {
			int held = connection.held().size();
			connection.send(GET);
			if (connection.held().size() > held) {
				admitted.add(connection);
			}
		}
		advance(latency);
		admitted.forEach((connection) -> connection.answer(connection.held().size() - 1));
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	private ConcurrencyLimit limit(Limit algorithm) {
		return new ConcurrencyLimit("test", algorithm, List.of("/actuator/health"), this.nanos::get);
	}

	private List<HeldConnection> connect(ConcurrencyLimit limit, int count) {
		List<HeldConnection> connections = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			connections.add(connect(limit));
		}
		return connections;
	}

	private HeldConnection connect(ConcurrencyLimit limit) {
		HeldConnection connection = new HeldConnection(limit, this.statistics);
		this.connections.add(connection);
		return connection;
	}

	/**
	 * A fixed limit that keeps each sample it is given, as latency in milliseconds and requests in
	 * flight.
	 */
	private static final class RecordingLimit implements Limit {

		private final int limit;

		private final List<String> samples = new ArrayList<>();

		RecordingLimit(int limit) {
			this.limit = limit;
		}

		@Override
		public int getLimit() {
			return this.limit;
		}

		@Override
		public void notifyOnChange(Consumer<Integer> consumer) {
		}

		@Override
		public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
			this.samples.add(TimeUnit.NANOSECONDS.toMillis(rtt) + "ms/" + inflight);
		}

		List<String> samples() {
			return this.samples;
		}

	}

	/**
	 * One HTTP/1.1 connection through the seats, whose application holds each request until the test
	 * answers it.
	 */
	private static final class HeldConnection extends ChannelInboundHandlerAdapter {

		private final EmbeddedChannel channel = new EmbeddedChannel();

		private final List<HttpRequest> held = new ArrayList<>();

		private final StringBuilder written = new StringBuilder();

		private ChannelHandlerContext context;

		HeldConnection(ConcurrencyLimit limit, ConnectionStatistics statistics) {
			this.channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
			this.channel.pipeline().addLast(this);
			new ZokioPipelineConfigurer(List.of(new ConformanceParticipant(1024, 8192), new OverloadParticipant(limit),
					new StatisticsParticipant(statistics)))
				.onChannelInit(ConnectionObserver.emptyListener(), this.channel, null);
		}

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			this.context = ctx;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest request) {
				this.held.add(request);
			}
			ReferenceCountUtil.release(msg);
		}

		void send(String... pieces) {
			for (String piece : pieces) {
				if (this.channel.isOpen()) {
					this.channel.writeInbound(Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1));
					this.channel.runPendingTasks();
				}
			}
		}

		List<HttpRequest> held() {
			return this.held;
		}

		void answer(int request) {
			assertThat(this.held).hasSizeGreaterThan(request);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
					Unpooled.copiedBuffer("done", StandardCharsets.ISO_8859_1));
			response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 4);
			this.context.writeAndFlush(response);
			this.channel.runPendingTasks();
		}

		String written() {
			Object msg;
			while ((msg = this.channel.readOutbound()) != null) {
				if (msg instanceof ByteBuf bytes) {
					this.written.append(bytes.toString(StandardCharsets.ISO_8859_1));
				}
				ReferenceCountUtil.release(msg);
			}
			return this.written.toString();
		}

		boolean isOpen() {
			return this.channel.isOpen();
		}

		void close() {
			this.channel.finishAndReleaseAll();
		}

	}

}
