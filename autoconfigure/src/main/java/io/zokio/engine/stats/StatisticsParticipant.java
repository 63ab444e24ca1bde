package io.zokio.engine.stats;

import java.util.function.Predicate;

import io.netty.channel.Channel;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Seat;

/**
 * Takes part in every connection of a server to record it in its statistics, refused connections
 * included, the server's own warm-up connections excepted.
 */
public final class StatisticsParticipant implements ConnectionParticipant {

	private final ConnectionStatistics statistics;

	private final Predicate<Channel> unrecorded;

	/**
	 * Create a participant recording every connection into the given statistics.
	 * @param statistics the statistics
	 */
	public StatisticsParticipant(ConnectionStatistics statistics) {
		this(statistics, (channel) -> false);
	}

	/**
	 * Create a participant recording into the given statistics every connection but those the
	 * given test picks out, such as the warm-up's.
	 * @param statistics the statistics
	 * @param unrecorded whether a new connection is left out of the statistics
	 */
	public StatisticsParticipant(ConnectionStatistics statistics, Predicate<Channel> unrecorded) {
		this.statistics = statistics;
		this.unrecorded = unrecorded;
	}

	@Override
	public ConnectionListener open(Channel channel, Seat seat) {
		if (this.unrecorded.test(channel)) {
			return ConnectionListener.NONE;
		}
		return this.statistics.connectionAccepted();
	}

}
