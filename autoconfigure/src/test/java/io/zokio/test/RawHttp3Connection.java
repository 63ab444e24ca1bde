package io.zokio.test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInitializer;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;

/**
 * One QUIC connection to a server on loopback, with Netty's own HTTP/3 client codec, for tests that
 * control what Reactor Netty's client does not: how fast a response is read, the bytes of each
 * request stream exactly as they cross QUIC, and frames written by hand. On NIO, as
 * {@link TestHttp3}'s client.
 */
public final class RawHttp3Connection implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final Channel udp;

	private final QuicChannel quic;

	/**
	 * Connect to a server, granting each stream a receive window of the given size.
	 * @param port the server's port
	 * @param streamWindow how many bytes of a response the server may send ahead of what is read
	 * @throws Exception if the connection fails
	 */
	public RawHttp3Connection(int port, int streamWindow) throws Exception {
		QuicSslContext context = QuicSslContextBuilder.forClient()
			.trustManager(InsecureTrustManagerFactory.INSTANCE)
			.applicationProtocols(Http3.supportedApplicationProtocols())
			.build();
		this.udp = new Bootstrap().group(this.group)
			.channel(NioDatagramChannel.class)
			.handler(Http3.newQuicClientCodecBuilder()
				.sslContext(context)
				.maxIdleTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.initialMaxData(10L * streamWindow)
				.initialMaxStreamDataBidirectionalLocal(streamWindow)
				.initialMaxStreamsBidirectional(100)
				.build())
			.bind(0)
			.sync()
			.channel();
		this.quic = QuicChannel.newBootstrap(this.udp)
			.handler(new Http3ClientConnectionHandler())
			.remoteAddress(new InetSocketAddress("127.0.0.1", port))
			.connect()
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Return the QUIC connection.
	 * @return the connection
	 */
	public QuicChannel quic() {
		return this.quic;
	}

	/**
	 * Send a request on a stream of its own, read its response as it comes, and count the stream's
	 * bytes.
	 * @param method the method
	 * @param path the path
	 * @param body the body, empty for none
	 * @return the exchange
	 * @throws Exception if the stream cannot be opened
	 */
	public Exchange request(String method, String path, byte[] body) throws Exception {
		return request(method, path, body, true);
	}

	/**
	 * Send a request on a stream of its own and count the stream's bytes.
	 * @param method the method
	 * @param path the path
	 * @param body the body, empty for none
	 * @param reading whether the response is read as it comes, or only a slice at each
	 * {@link Exchange#read()}
	 * @return the exchange
	 * @throws Exception if the stream cannot be opened
	 */
	public Exchange request(String method, String path, byte[] body, boolean reading) throws Exception {
		Exchange exchange = new Exchange();
		QuicStreamChannel stream = Http3.newRequestStream(this.quic, new Http3RequestStreamInitializer() {

			@Override
			protected void initRequestStream(QuicStreamChannel channel) {
				channel.config().setAutoRead(reading);
				channel.pipeline().addFirst(exchange.bytes);
				channel.pipeline().addLast(exchange.response);
			}

		}).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		exchange.stream = stream;
		DefaultHttp3HeadersFrame headers = new DefaultHttp3HeadersFrame();
		headers.headers().method(method).path(path).authority("127.0.0.1").scheme("https");
		if (body.length > 0) {
			headers.headers().addInt("content-length", body.length);
			stream.write(headers);
			stream.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(body)))
				.addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
		}
		else {
			stream.writeAndFlush(headers).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
		}
		return exchange;
	}

	/**
	 * Open a request stream without the HTTP/3 codec and write the given bytes on it as they are.
	 * @param bytes the stream's bytes: frames coded by hand
	 * @param last whether the bytes end the stream
	 * @return the stream
	 * @throws Exception if the stream cannot be opened or written
	 */
	public QuicStreamChannel rawStream(byte[] bytes, boolean last) throws Exception {
		QuicStreamChannel stream = this.quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				ReferenceCountUtil.release(msg);
			}

		}).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		stream.writeAndFlush(Unpooled.wrappedBuffer(bytes)).sync();
		if (last) {
			stream.shutdownOutput().sync();
		}
		return stream;
	}

	@Override
	public void close() throws Exception {
		try {
			if (this.quic.isOpen()) {
				this.quic.close().await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			this.udp.close().await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
		}
	}

	/**
	 * One request stream: its response and its bytes as they crossed QUIC.
	 */
	public static final class Exchange {

		private final AtomicLong bytesRead = new AtomicLong();

		private final AtomicLong bytesWritten = new AtomicLong();

		private final AtomicLong bodyBytes = new AtomicLong();

		private final CompletableFuture<Integer> status = new CompletableFuture<>();

		private final CompletableFuture<Long> ended = new CompletableFuture<>();

		private volatile QuicStreamChannel stream;

		private final ChannelDuplexHandler bytes = new ChannelDuplexHandler() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				if (msg instanceof ByteBuf buffer) {
					Exchange.this.bytesRead.addAndGet(buffer.readableBytes());
				}
				ctx.fireChannelRead(msg);
			}

			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				if (msg instanceof ByteBuf buffer) {
					Exchange.this.bytesWritten.addAndGet(buffer.readableBytes());
				}
				ctx.write(msg, promise);
			}

			@Override
			public void channelInactive(ChannelHandlerContext ctx) {
				Exchange.this.ended.complete(Exchange.this.bodyBytes.get());
				Exchange.this.status.complete(0);
				ctx.fireChannelInactive();
			}

		};

		private final ChannelInboundHandlerAdapter response = new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				if (msg instanceof Http3HeadersFrame headers && headers.headers().status() != null) {
					Exchange.this.status.complete(Integer.parseInt(headers.headers().status().toString()));
				}
				else if (msg instanceof Http3DataFrame data) {
					Exchange.this.bodyBytes.addAndGet(data.content().readableBytes());
				}
				ReferenceCountUtil.release(msg);
			}

		};

		private Exchange() {
		}

		/**
		 * Return the response's status once its head has come, or 0 if the stream ended without one.
		 * @return the status
		 * @throws Exception if none came within the timeout
		 */
		public int status() throws Exception {
			return this.status.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

		/**
		 * Return the response body's bytes received once the stream has ended.
		 * @return the future of the body's size
		 */
		public CompletableFuture<Long> ended() {
			return this.ended;
		}

		/**
		 * Read what has come of the response, once, on a stream that does not read by itself.
		 */
		public void read() {
			QuicStreamChannel channel = this.stream;
			if (channel != null) {
				channel.read();
			}
		}

		/**
		 * Return the stream's bytes read from QUIC: the response's HTTP/3 frames.
		 * @return the bytes
		 */
		public long bytesRead() {
			return this.bytesRead.get();
		}

		/**
		 * Return the stream's bytes written to QUIC: the request's HTTP/3 frames.
		 * @return the bytes
		 */
		public long bytesWritten() {
			return this.bytesWritten.get();
		}

	}

}
