package io.zokio.engine.pipeline;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Writes that tell a listener when they complete, as the engine needs for the last content of each
 * response, and the read that follows a response the server wrote itself.
 */
final class ChannelWrites {

	private ChannelWrites() {
	}

	/**
	 * Write a message and notify the listener when the write completes, even if the caller passed a
	 * void promise or one that takes no listeners.
	 * @param ctx the handler context to write from
	 * @param msg the message
	 * @param promise the caller's promise
	 * @param listener the listener to notify
	 */
	static void writeNotifying(ChannelHandlerContext ctx, Object msg, ChannelPromise promise,
			ChannelFutureListener listener) {
		ChannelPromise completion = promise.unvoid();
		completion.addListener(listener);
		ctx.write(msg, completion);
	}

	/**
	 * Ask for the next read on a connection whose requests Reactor Netty reads one at a time (with
	 * auto-read off), as it does itself after each response it writes.
	 * @param ctx the handler context to read from
	 */
	static void readOn(ChannelHandlerContext ctx) {
		if (!ctx.channel().config().isAutoRead()) {
			ctx.read();
		}
	}

}
