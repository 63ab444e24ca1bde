package io.zokio.engine.conformance;

import io.netty.channel.Channel;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Seat;

/**
 * Takes part in every connection of a server to hold its HTTP/1.1 requests to RFC 9112 and RFC
 * 9110: a request that breaks a rule is refused with the status the RFC names. Admits every
 * connection.
 */
public final class ConformanceParticipant implements ConnectionParticipant {

	private final long maxRequestBodySize;

	private final int maxLineLength;

	/**
	 * Create a participant whose chunk extensions count toward the given body limit.
	 * @param maxRequestBodySize the largest request body in bytes, or {@code -1} for no limit
	 * @param maxLineLength the decoder's initial line limit, which bounds each chunk size line here:
	 * the decoder gets the lines without their extensions
	 */
	public ConformanceParticipant(long maxRequestBodySize, int maxLineLength) {
		this.maxRequestBodySize = maxRequestBodySize;
		this.maxLineLength = maxLineLength;
	}

	@Override
	public ConnectionListener open(Channel channel, Seat seat) {
		return new ConnectionConformance(this.maxRequestBodySize, this.maxLineLength);
	}

}
