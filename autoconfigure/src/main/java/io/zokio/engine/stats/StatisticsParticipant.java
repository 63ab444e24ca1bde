package io.zokio.engine.stats;

import java.util.function.Predicate;

import io.netty.channel.Channel;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Seat;

/**
 * Takes part in every connection of a server to record it in its statistics, refused connections
 * included; the server's own warm-up connections are recorded apart, through the same code, so
 * that warming up compiles the recording too.
 */
public final class StatisticsParticipant implements ConnectionParticipant {

	private final ConnectionStatistics statistics;

	private final Predicate<Channel> apart;

	private final ConnectionStatistics apartStatistics;

	/**
	 * Create a participant recording every connection into the given statistics.
	 * @param statistics the statistics
	 */
	public StatisticsParticipant(ConnectionStatistics statistics) {
		this(statistics, (channel) -> false, statistics);
	}

	/**
	 * Create a participant recording into the given statistics every connection but those the
	 * given test picks out, such as the warm-up's, which it records into statistics of their own.
	 * @param statistics the statistics
	 * @param apart whether a new connection is recorded apart
	 * @param apartStatistics the statistics of the connections recorded apart
	 */
	public StatisticsParticipant(ConnectionStatistics statistics, Predicate<Channel> apart,
			ConnectionStatistics apartStatistics) {
		this.statistics = statistics;
		this.apart = apart;
		this.apartStatistics = apartStatistics;
	}

	@Override
	public ConnectionListener open(Channel channel, Seat seat) {
		if (this.apart.test(channel)) {
			return this.apartStatistics.connectionAccepted();
		}
		return this.statistics.connectionAccepted();
	}

}
