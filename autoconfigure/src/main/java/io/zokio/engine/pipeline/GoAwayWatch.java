package io.zokio.engine.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;

/**
 * Hands every GOAWAY the HTTP/2 codec of a connection sends to the listeners; one that is not
 * {@code NO_ERROR} makes the close an {@link CloseReason#ERROR}.
 */
final class GoAwayWatch extends Http2ConnectionAdapter {

	private final Channel channel;

	private final ConnectionListener listener;

	private GoAwayWatch(Channel channel, ConnectionListener listener) {
		this.channel = channel;
		this.listener = listener;
	}

	/**
	 * Start watching a connection's GOAWAY frames.
	 * @param codec the connection's HTTP/2 codec
	 * @param channel the connection
	 * @param listener the connection's listener
	 */
	static void watch(Http2FrameCodec codec, Channel channel, ConnectionListener listener) {
		codec.connection().addListener(new GoAwayWatch(channel, listener));
	}

	@Override
	public void onGoAwaySent(int lastStreamId, long errorCode, ByteBuf debugData) {
		Http2Error error = Http2Error.valueOf(errorCode);
		if (error != Http2Error.NO_ERROR) {
			CloseReasons.mark(this.channel, CloseReason.ERROR);
		}
		this.listener.goAwaySent((error != null) ? error : Http2Error.INTERNAL_ERROR);
	}

}
