package io.zokio.engine.stats;

import io.netty.channel.Channel;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Seat;

/**
 * Takes part in every connection of a server to record it in its statistics, refused connections
 * included.
 */
public final class StatisticsParticipant implements ConnectionParticipant {

	private final ConnectionStatistics statistics;

	/**
	 * Create a participant recording into the given statistics.
	 * @param statistics the statistics
	 */
	public StatisticsParticipant(ConnectionStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public ConnectionListener open(Channel channel, Seat seat) {
		return this.statistics.connectionAccepted();
	}

}
