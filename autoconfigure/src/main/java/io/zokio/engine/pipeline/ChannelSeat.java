package io.zokio.engine.pipeline;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.quic.QuicChannel;

/**
 * The seat of one connection, handed to every participant's listener.
 */
final class ChannelSeat implements Seat {

	private final Channel channel;

	ChannelSeat(Channel channel) {
		this.channel = channel;
	}

	@Override
	public void close(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
		this.channel.close();
	}

	@Override
	public void cut(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
		ChannelHandlerContext seat = this.channel.pipeline().context(ZokioPipeline.CONNECTION_HANDLER);
		if (seat != null) {
			seat.close();
		}
		else {
			this.channel.close();
		}
	}

	@Override
	public void abort(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
		this.channel.config().setOption(ChannelOption.SO_LINGER, 0);
		ChannelHandlerContext first = this.channel.pipeline().firstContext();
		if (first != null) {
			first.close();
		}
		else {
			this.channel.close();
		}
	}

	@Override
	public void goAway(Http2Error error) {
		this.channel.eventLoop().execute(() -> sendGoAway(error));
	}

	/**
	 * Send the GOAWAY once the read being handled has passed: the bytes of an h2c connection's first
	 * read are what puts its HTTP/2 codec, and the watch of the GOAWAY frames it sends, in place.
	 */
	private void sendGoAway(Http2Error error) {
		ChannelHandlerContext codec = this.channel.pipeline().context(Http2ConnectionHandler.class);
		if (codec == null) {
			cut(CloseReason.ERROR);
			return;
		}
		Http2ConnectionHandler handler = (Http2ConnectionHandler) codec.handler();
		if (handler.connection().goAwaySent()) {
			cut(CloseReason.ERROR);
			return;
		}
		CloseReasons.mark(this.channel, CloseReason.ERROR);
		int lastStream = handler.connection().remote().lastStreamCreated();
		handler.goAway(codec, lastStream, error.code(), Unpooled.EMPTY_BUFFER, codec.newPromise())
			.addListener((written) -> cut(CloseReason.ERROR));
		codec.flush();
	}

	@Override
	public void willClose(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
	}

	/**
	 * Return the bytes in the connection's outbound buffer or, on a QUIC connection, what its
	 * request streams wrote and QUIC has not yet taken.
	 */
	@Override
	public long pendingWriteBytes() {
		if (this.channel instanceof QuicChannel
				&& this.channel.pipeline().get(ZokioPipeline.CONNECTION_HANDLER) instanceof QuicConnectionHandler quic) {
			return quic.pendingWriteBytes();
		}
		ChannelOutboundBuffer outbound = this.channel.unsafe().outboundBuffer();
		return (outbound != null) ? outbound.totalPendingWriteBytes() : 0;
	}

}
