package io.zokio.engine.pipeline;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Writes that tell a listener when they complete, as the engine needs for the last content of each
 * response.
 */
final class ChannelWrites {

	private ChannelWrites() {
	}

	/**
	 * Write a message and notify the listener when the write completes, even if the caller passed a
	 * void promise.
	 * @param ctx the handler context to write from
	 * @param msg the message
	 * @param promise the caller's promise
	 * @param listener the listener to notify
	 */
	static void writeNotifying(ChannelHandlerContext ctx, Object msg, ChannelPromise promise,
			ChannelFutureListener listener) {
		ChannelPromise completion = promise.isVoid() ? promise.unvoid() : promise;
		completion.addListener(listener);
		ctx.write(msg, completion);
	}

}
