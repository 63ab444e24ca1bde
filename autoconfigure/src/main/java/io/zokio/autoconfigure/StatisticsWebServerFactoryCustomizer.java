package io.zokio.autoconfigure;

import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Http2StreamStatisticsObserver;
import io.zokio.engine.stats.StatisticsPipelineConfigurer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Records the connection statistics of the application's Netty server. As a
 * {@link WebServerFactoryCustomizer} it applies to the factory of its own context only, so a
 * management server on a separate port is not counted.
 */
public final class StatisticsWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final StatisticsPipelineConfigurer pipelineConfigurer;

	private final Http2StreamStatisticsObserver streamObserver = new Http2StreamStatisticsObserver();

	/**
	 * Create a customizer recording into the given statistics.
	 * @param statistics the statistics
	 */
	public StatisticsWebServerFactoryCustomizer(ConnectionStatistics statistics) {
		this.pipelineConfigurer = new StatisticsPipelineConfigurer(statistics);
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((server) -> server.doOnChannelInit(this.pipelineConfigurer)
			.childObserve(this.streamObserver));
	}

}
