package io.zokio.engine.stats;

import java.net.SocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Installs the statistics handlers in each new server connection's pipeline: one nearest the
 * socket, one just after the HTTP/1.1 codec.
 */
public final class StatisticsPipelineConfigurer implements ChannelPipelineConfigurer {

	static final AttributeKey<ConnectionTracker> TRACKER = AttributeKey.valueOf(StatisticsPipelineConfigurer.class,
			"tracker");

	private final ConnectionStatistics statistics;

	/**
	 * Create a configurer recording into the given statistics.
	 * @param statistics the statistics
	 */
	public StatisticsPipelineConfigurer(ConnectionStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(ConnectionStatisticsHandler.NAME) != null) {
			return;
		}
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		channel.attr(TRACKER).set(tracker);
		pipeline.addFirst(ConnectionStatisticsHandler.NAME, new ConnectionStatisticsHandler(tracker));
		if (pipeline.get(NettyPipeline.HttpCodec) != null) {
			pipeline.addAfter(NettyPipeline.HttpCodec, HttpExchangeStatisticsHandler.NAME,
					new HttpExchangeStatisticsHandler(tracker));
		}
	}

}
