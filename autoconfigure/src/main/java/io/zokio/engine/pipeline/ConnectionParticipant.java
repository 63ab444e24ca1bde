package io.zokio.engine.pipeline;

import io.netty.channel.Channel;

/**
 * One capability's part in every connection of a server: whether to admit it, and the listener
 * that follows it once admitted.
 */
public interface ConnectionParticipant {

	/**
	 * Decide whether a new connection may be served. A connection any participant refuses is closed
	 * as {@link CloseReason#REJECTED} before its first byte reaches the HTTP codec.
	 * @param channel the new connection
	 * @return whether to admit it
	 */
	default boolean admit(Channel channel) {
		return true;
	}

	/**
	 * Return the listener of a new connection this participant admitted (the connection may still
	 * be refused by another participant).
	 * @param channel the connection
	 * @param seat the connection's seat, through which the listener closes it
	 * @return the listener
	 */
	ConnectionListener open(Channel channel, Seat seat);

}
