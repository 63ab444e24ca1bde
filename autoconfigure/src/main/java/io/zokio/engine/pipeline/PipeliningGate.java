package io.zokio.engine.pipeline;

import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * Keeps bytes back from the HTTP/1.1 codec and feeds them to it in slices, each only while few
 * requests are unanswered, so that deep pipelining never overflows the codec's pipelining queue
 * (Netty's HttpServerCodec fails a connection with more than 128 unanswered requests), whatever
 * the size of the transport's reads. A slice holds at most 113 of the shortest requests (18
 * bytes), so the queue stays below 8 + 113. Reads from the socket are deferred meanwhile, and
 * while the connection's writes wait, without touching auto-read, which Reactor Netty uses for
 * back-pressure: while the channel is not writable, and, where reads go into io_uring's read
 * buffer ring, while its last write is still under way. On io_uring a write holds its buffers
 * until its completion is reaped on a later turn of the loop, and the second rule keeps each busy
 * connection to about one read's worth of the pool (200 concurrent 1 MiB echoes held 8 to 9 MiB in
 * use at the peak without it, 2.3 to 2.6 MiB with it and 8 KiB ring buffers). Without the ring it
 * is not applied: there, with it, most of the same echoes broke off while Netty's io_uring
 * completion queue overflowed. Epoll and NIO write at once, and read on readiness within a loop.
 * Each slice is a retained slice of a buffer as the transport read it, so that the codec takes it
 * as its cumulation without copying (a slice of a composite buffer is not contiguous, and the codec
 * would copy every byte of a large body into new buffers).
 */
final class PipeliningGate implements ChannelFutureListener {

	static final int SLICE_BYTES = 2048;

	static final int MAX_UNANSWERED_BEFORE_SLICE = 8;

	private final ConnectionHandler connection;

	private final ArrayDeque<ByteBuf> held = new ArrayDeque<>(2);

	private final boolean readsAwaitWrites;

	private boolean drainScheduled;

	private boolean readDeferred;

	private @Nullable ChannelPromise lastWrite;

	private @Nullable ChannelHandlerContext waiting;

	PipeliningGate(ConnectionHandler connection, boolean readsAwaitWrites) {
		this.connection = connection;
		this.readsAwaitWrites = readsAwaitWrites;
	}

	/**
	 * Return whether bytes for the HTTP/1.1 codec must wait here: bytes are held already, or these
	 * are more than one slice.
	 * @param bytes the bytes
	 * @return whether to {@link #hold} them
	 */
	boolean mustHold(ByteBuf bytes) {
		return !this.held.isEmpty() || bytes.readableBytes() > SLICE_BYTES;
	}

	void hold(ChannelHandlerContext ctx, ByteBuf bytes) {
		this.held.add(bytes);
		drain(ctx);
	}

	/**
	 * A response ended: feed the codec more, later on the event loop, if few enough requests are
	 * unanswered.
	 * @param ctx the connection handler's context
	 * @param unanswered the requests still unanswered
	 */
	void requestAnswered(ChannelHandlerContext ctx, int unanswered) {
		if (!this.held.isEmpty() && !this.drainScheduled && unanswered <= MAX_UNANSWERED_BEFORE_SLICE) {
			this.drainScheduled = true;
			ctx.executor().execute(() -> {
				this.drainScheduled = false;
				drain(ctx);
				ctx.fireChannelReadComplete();
			});
		}
	}

	private void drain(ChannelHandlerContext ctx) {
		ByteBuf head;
		while ((head = this.held.peek()) != null && !this.connection.isRefusing()
				&& this.connection.unanswered() <= MAX_UNANSWERED_BEFORE_SLICE) {
			ByteBuf slice = head.readRetainedSlice(Math.min(SLICE_BYTES, head.readableBytes()));
			if (!head.isReadable()) {
				this.held.poll().release();
			}
			this.connection.forward(ctx, slice);
		}
		if (this.connection.isRefusing()) {
			release();
		}
		readIfDeferred(ctx);
	}

	/**
	 * Ask for a read from the socket, or defer it while bytes are held or the connection's writes
	 * wait.
	 * @param ctx the connection handler's context
	 */
	void read(ChannelHandlerContext ctx) {
		if (mayRead(ctx)) {
			ctx.read();
		}
		else {
			this.readDeferred = true;
		}
	}

	/**
	 * Ask for the read deferred, if any, now that nothing holds it back.
	 * @param ctx the connection handler's context
	 */
	void readIfDeferred(ChannelHandlerContext ctx) {
		if (this.readDeferred && mayRead(ctx)) {
			this.readDeferred = false;
			ctx.read();
		}
	}

	private boolean mayRead(ChannelHandlerContext ctx) {
		return this.held.isEmpty() && ctx.channel().isWritable() && !isWriting(ctx);
	}

	/**
	 * A write is on its way to the socket. A promise that takes no listeners, as Reactor Netty's
	 * for a streamed body or a WebSocket's frames, is watched through the promise it unvoids to.
	 * @param promise its promise
	 * @return the promise to write with
	 */
	ChannelPromise writing(ChannelPromise promise) {
		if (!this.readsAwaitWrites || promise.isVoid()) {
			return promise;
		}
		ChannelPromise watched = promise.unvoid();
		this.lastWrite = watched;
		return watched;
	}

	/**
	 * Return whether the last write is still on its way to the socket. A write whose bytes are not
	 * yet in the channel's outbound buffer does not count: behind {@code SslHandler} the seat's
	 * writes wait in the handler until the handshake ends, and holding the read back then would
	 * stall the handshake that releases them.
	 * @param ctx the connection handler's context
	 * @return whether the next read waits for the last write
	 */
	private boolean isWriting(ChannelHandlerContext ctx) {
		ChannelPromise write = this.lastWrite;
		if (write == null || write.isDone()) {
			return false;
		}
		ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
		if (outbound == null || outbound.totalPendingWriteBytes() == 0) {
			return false;
		}
		if (this.waiting == null) {
			this.waiting = ctx;
			write.addListener(this);
		}
		return true;
	}

	@Override
	public void operationComplete(ChannelFuture write) {
		ChannelHandlerContext ctx = this.waiting;
		this.waiting = null;
		if (ctx != null) {
			readIfDeferred(ctx);
		}
	}

	void release() {
		ByteBuf bytes;
		while ((bytes = this.held.poll()) != null) {
			bytes.release();
		}
	}

}
