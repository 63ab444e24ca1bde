package io.zokio.engine.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * The byte seat of one HTTP/3 request stream, first in the stream's pipeline: what the connection
 * handler sees of a TCP connection's bytes, a QUIC connection shows only stream by stream. Hands the
 * HTTP/3 frames' bytes read and written to the connection's listeners, and keeps what the streams
 * wrote and QUIC has not yet taken, which waits for the client's flow-control credit as bytes on a
 * TCP connection wait in its outbound buffer.
 */
final class QuicStreamBytes extends ChannelDuplexHandler {

	private final ConnectionListener listener;

	private final QuicConnectionHandler connection;

	QuicStreamBytes(ConnectionListener listener, QuicConnectionHandler connection) {
		this.listener = listener;
		this.connection = connection;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf bytes = bytes(msg);
		if (bytes != null && bytes.isReadable()) {
			this.listener.bytesRead(bytes);
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		ByteBuf bytes = bytes(msg);
		int size = (bytes != null) ? bytes.readableBytes() : 0;
		if (size == 0) {
			ctx.write(msg, promise);
			return;
		}
		this.listener.bytesWritten(size);
		this.connection.pending(size);
		ChannelPromise taken = promise.unvoid();
		taken.addListener((written) -> this.connection.pending(-size));
		ctx.write(msg, taken);
	}

	private static @Nullable ByteBuf bytes(Object msg) {
		if (msg instanceof ByteBuf bytes) {
			return bytes;
		}
		return (msg instanceof ByteBufHolder holder) ? holder.content() : null;
	}

}
