package io.zokio.benchmarks;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import org.HdrHistogram.Histogram;

/**
 * An open-model HTTP/1.1 load generator: requests are scheduled at intended times, independent of
 * how fast the server answers (Poisson arrivals, or synchronised bursts of one request per
 * connection), and each latency is recorded into an HdrHistogram from its intended send time, so a
 * server that stalls is charged for the queue it causes (wrk2's method, free of coordinated
 * omission). A request whose time has come waits for an idle keep-alive connection in one FIFO
 * queue; the wait counts in its latency, so use enough connections that the server, not the
 * client, sets the pace. The client runs on one event loop thread (epoll where it loads, whose timers
 * fire within microseconds; else NIO), which paces the requests too.
 * <p>
 * Prints one JSON object: requests sent, answered by status class, failed and unfinished, the
 * achieved rate and goodput (the rate of {@code 2xx} answered within the client's timeout: a later
 * one is lost to a client that gave up), the latency percentiles in microseconds
 * (p50, p90, p99, p99.9, max) of every request and of the {@code 2xx} alone, how many took longer
 * than the client's timeout ({@code --client-timeout-ms}, by default {@code --timeout-ms}), and
 * how late the scheduler itself fired (its own cost, to be read beside the server's figures).
 * <p>
 * {@code java -cp zokio-benchmarks.jar io.zokio.benchmarks.OpenModelLoad --port 8080 --rate 5000
 * --seconds 10 --connections 64 --arrivals poisson --path /plaintext --warmup 2}
 */
public final class OpenModelLoad {

	private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

	private final Options options;

	private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);

	private final Histogram lateness = new Histogram(HIGHEST_MICROS, 3);

	private final Histogram succeeded = new Histogram(HIGHEST_MICROS, 3);

	private long overClientTimeout;

	private long succeededInTime;

	private final ArrayDeque<Long> waiting = new ArrayDeque<>();

	private final ArrayDeque<Connection> idle = new ArrayDeque<>();

	private final long[] statusClasses = new long[6];

	private long sent;

	private long answered;

	private long failed;

	private int live;

	private boolean recording;

	private OpenModelLoad(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Map<String, Object> result = new OpenModelLoad(options).run();
		System.out.println(json(result));
	}

	private Map<String, Object> run() throws Exception {
		boolean epoll = Epoll.isAvailable();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
				epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		try {
			EventLoop loop = group.next();
			connect(group, loop);
			if (this.options.warmupSeconds > 0) {
				schedule(loop, this.options.warmupSeconds, false);
				drain(loop);
			}
			loop.submit(this::reset).sync();
			long started = System.nanoTime();
			schedule(loop, this.options.seconds, true);
			long scheduledNanos = System.nanoTime() - started;
			long unfinished = drain(loop);
			return loop.submit(() -> result(scheduledNanos, unfinished)).get();
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
		}
	}

	private void connect(EventLoopGroup group, EventLoop loop) throws InterruptedException {
		Bootstrap bootstrap = new Bootstrap().group(group)
			.channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					Connection connection = new Connection(channel);
					channel.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(16 * 1024 * 1024), connection);
				}

			});
		InetSocketAddress address = new InetSocketAddress(this.options.host, this.options.port);
		for (int i = 0; i < this.options.connections; i++) {
			bootstrap.connect(address).sync();
		}
		CountDownLatch ready = new CountDownLatch(1);
		loop.execute(ready::countDown);
		ready.await();
	}

	/**
	 * Fire requests at their intended times for the given duration, from the client's own event
	 * loop: a timer at each intended time fires every request that is due, so pacing never waits
	 * for a thread of its own to be scheduled.
	 */
	private void schedule(EventLoop loop, int seconds, boolean record) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		loop.execute(() -> {
			this.recording = record;
			long start = System.nanoTime();
			new Pacer(loop, start, start + TimeUnit.SECONDS.toNanos(seconds), done).run();
		});
		done.await();
	}

	private final class Pacer implements Runnable {

		private final EventLoop loop;

		private final long end;

		private final CountDownLatch done;

		private final SplittableRandom random = new SplittableRandom(42);

		private final long periodNanos = TimeUnit.SECONDS.toNanos(1) / OpenModelLoad.this.options.rate;

		private long next;

		Pacer(EventLoop loop, long start, long end, CountDownLatch done) {
			this.loop = loop;
			this.next = start;
			this.end = end;
			this.done = done;
		}

		@Override
		public void run() {
			long now = System.nanoTime();
			while (this.next <= now && this.next < this.end) {
				int requests = OpenModelLoad.this.options.poisson ? 1 : OpenModelLoad.this.options.connections;
				for (int i = 0; i < requests; i++) {
					fire(this.next, now - this.next);
				}
				this.next += OpenModelLoad.this.options.poisson
						? (long) (-Math.log(1.0 - this.random.nextDouble()) * this.periodNanos)
						: this.periodNanos * OpenModelLoad.this.options.connections;
			}
			if (this.next < this.end) {
				this.loop.schedule(this, this.next - now, TimeUnit.NANOSECONDS);
			}
			else {
				this.done.countDown();
			}
		}

	}

	/**
	 * Wait for the requests under way, up to the timeout.
	 * @return the requests still unfinished, recorded with their age at the timeout
	 */
	private long drain(EventLoop loop) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.options.timeoutMillis);
		while (System.nanoTime() < deadline) {
			boolean done = loop.submit(() -> this.waiting.isEmpty() && this.idle.size() == this.live).get();
			if (done) {
				return 0;
			}
			Thread.sleep(10);
		}
		return loop.submit(this::abandon).get();
	}

	private long abandon() {
		long now = System.nanoTime();
		long unfinished = 0;
		for (Long intended : this.waiting) {
			record(now - intended);
			unfinished++;
		}
		this.waiting.clear();
		return unfinished + this.live - this.idle.size();
	}

	private void reset() {
		this.latency.reset();
		this.lateness.reset();
		this.succeeded.reset();
		this.overClientTimeout = 0;
		this.succeededInTime = 0;
		Arrays.fill(this.statusClasses, 0);
		this.sent = 0;
		this.answered = 0;
		this.failed = 0;
	}

	private void fire(long intended, long late) {
		if (this.recording) {
			this.lateness.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, late / 1000)));
		}
		this.waiting.add(intended);
		dispatch();
	}

	private void dispatch() {
		while (!this.waiting.isEmpty() && !this.idle.isEmpty()) {
			this.idle.poll().send(this.waiting.poll());
		}
	}

	private void record(long nanos) {
		if (this.recording) {
			this.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
			if (nanos > TimeUnit.MILLISECONDS.toNanos(this.options.clientTimeoutMillis)) {
				this.overClientTimeout++;
			}
		}
	}

	private Map<String, Object> result(long scheduledNanos, long unfinished) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("arrivals", this.options.poisson ? "poisson" : "burst");
		result.put("offeredRps", this.options.rate);
		result.put("connections", this.options.connections);
		result.put("seconds", this.options.seconds);
		result.put("sent", this.sent);
		result.put("answered", this.answered);
		result.put("rps", this.answered * 1e9 / scheduledNanos);
		for (int i = 1; i < this.statusClasses.length; i++) {
			result.put(i + "xx", this.statusClasses[i]);
		}
		result.put("failed", this.failed);
		result.put("unfinished", unfinished);
		result.put("p50_us", this.latency.getValueAtPercentile(50));
		result.put("p90_us", this.latency.getValueAtPercentile(90));
		result.put("p99_us", this.latency.getValueAtPercentile(99));
		result.put("p999_us", this.latency.getValueAtPercentile(99.9));
		result.put("max_us", this.latency.getMaxValue());
		result.put("overClientTimeout", this.overClientTimeout);
		result.put("goodputRps", this.succeededInTime * 1e9 / scheduledNanos);
		result.put("ok_p50_us", this.succeeded.getValueAtPercentile(50));
		result.put("ok_p90_us", this.succeeded.getValueAtPercentile(90));
		result.put("ok_p99_us", this.succeeded.getValueAtPercentile(99));
		result.put("ok_p999_us", this.succeeded.getValueAtPercentile(99.9));
		result.put("ok_max_us", this.succeeded.getMaxValue());
		result.put("schedulerLate_p99_us", this.lateness.getValueAtPercentile(99));
		result.put("schedulerLate_max_us", this.lateness.getMaxValue());
		return result;
	}

	private static String json(Map<String, Object> values) {
		StringBuilder json = new StringBuilder("{");
		values.forEach((key, value) -> {
			if (json.length() > 1) {
				json.append(", ");
			}
			json.append('"').append(key).append("\": ");
			json.append((value instanceof String) ? "\"" + value + "\"" : (value instanceof Double d)
					? String.format(java.util.Locale.ROOT, "%.1f", d) : value);
		});
		return json.append('}').toString();
	}

	private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {

		private final Channel channel;

		private long intended;

		Connection(Channel channel) {
			this.channel = channel;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			OpenModelLoad.this.live++;
			OpenModelLoad.this.idle.add(this);
			ctx.fireChannelActive();
		}

		void send(long intended) {
			this.intended = intended;
			OpenModelLoad.this.sent++;
			FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
					OpenModelLoad.this.options.path);
			request.headers().set(HttpHeaderNames.HOST, OpenModelLoad.this.options.host);
			this.channel.writeAndFlush(request);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
			long nanos = System.nanoTime() - this.intended;
			record(nanos);
			if (OpenModelLoad.this.recording) {
				if (response.status().code() / 100 == 2) {
					OpenModelLoad.this.succeeded.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
					if (nanos <= TimeUnit.MILLISECONDS.toNanos(OpenModelLoad.this.options.clientTimeoutMillis)) {
						OpenModelLoad.this.succeededInTime++;
					}
				}
				OpenModelLoad.this.answered++;
				OpenModelLoad.this.statusClasses[Math.min(5, response.status().code() / 100)]++;
			}
			OpenModelLoad.this.idle.add(this);
			dispatch();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			OpenModelLoad.this.live--;
			if (!OpenModelLoad.this.idle.remove(this)) {
				OpenModelLoad.this.failed++;
			}
		}

	}

	private record Options(String host, int port, int rate, int seconds, int connections, boolean poisson,
			String path, int warmupSeconds, long timeoutMillis, long clientTimeoutMillis) {

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i + 1 < args.length; i += 2) {
				values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
			}
			return new Options(values.getOrDefault("host", "127.0.0.1"), Integer.parseInt(values.get("port")),
					Integer.parseInt(values.get("rate")), Integer.parseInt(values.getOrDefault("seconds", "10")),
					Integer.parseInt(values.getOrDefault("connections", "64")),
					!"burst".equals(values.getOrDefault("arrivals", "poisson")), values.getOrDefault("path", "/plaintext"),
					Integer.parseInt(values.getOrDefault("warmup", "0")),
					Long.parseLong(values.getOrDefault("timeout-ms", "10000")),
					Long.parseLong(values.getOrDefault("client-timeout-ms", values.getOrDefault("timeout-ms", "10000"))));
		}

	}

}
