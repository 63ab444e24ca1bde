package io.zokio.engine.pipeline;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * Lets the part of the engine that closes a connection say why, so that the statistics count the
 * close under that reason rather than as a plain server close.
 */
final class CloseReasons {

	private static final AttributeKey<CloseReason> REASON = AttributeKey.valueOf(CloseReasons.class, "reason");

	private CloseReasons() {
	}

	/**
	 * Record why the server is about to close a connection. The first reason given wins.
	 * @param channel the connection
	 * @param reason the reason
	 */
	static void mark(Channel channel, CloseReason reason) {
		channel.attr(REASON).setIfAbsent(reason);
	}

	/**
	 * Return the reason recorded for a connection.
	 * @param channel the connection
	 * @return the reason, or {@code null}
	 */
	static @Nullable CloseReason of(Channel channel) {
		return channel.hasAttr(REASON) ? channel.attr(REASON).get() : null;
	}

	/**
	 * Return why the server closes the connection, or the given reason when none was said.
	 * @param channel the connection
	 * @param otherwise the reason when none was said
	 * @return the reason
	 */
	static CloseReason orElse(Channel channel, CloseReason otherwise) {
		CloseReason marked = of(channel);
		return (marked != null) ? marked : otherwise;
	}

}
