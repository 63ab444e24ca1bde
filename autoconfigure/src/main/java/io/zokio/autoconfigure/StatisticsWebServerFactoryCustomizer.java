package io.zokio.autoconfigure;

import io.zokio.engine.stats.ConnectionStatistics;
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

	/**
	 * Create a customizer recording into the given statistics.
	 * @param statistics the statistics
	 */
	public StatisticsWebServerFactoryCustomizer(ConnectionStatistics statistics) {
		this.pipelineConfigurer = new StatisticsPipelineConfigurer(statistics);
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((server) -> server.doOnChannelInit(this.pipelineConfigurer));
	}

}
