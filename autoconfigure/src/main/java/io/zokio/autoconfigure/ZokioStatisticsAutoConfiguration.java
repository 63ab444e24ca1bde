package io.zokio.autoconfigure;

import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsParticipant;
import io.zokio.engine.warmup.Warmup;
import io.zokio.engine.warmup.WarmupPeers;
import org.HdrHistogram.Recorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the connection statistics of the application's server (never the management
 * server's).
 */
@AutoConfiguration(after = ZokioAutoConfiguration.class)
@ConditionalOnZokioServer
@ConditionalOnClass(Recorder.class)
@ConditionalOnBooleanProperty(name = "zokio.stats.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ ZokioProperties.class, NettyServerProperties.class })
public final class ZokioStatisticsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectionStatistics connectionStatistics(ZokioProperties properties, NettyServerProperties nettyServerProperties) {
		return statistics(properties, nettyServerProperties);
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	StatisticsParticipant statisticsParticipant(ConnectionStatistics connectionStatistics,
			ObjectProvider<Warmup> warmup, ZokioProperties properties, NettyServerProperties nettyServerProperties) {
		Warmup warming = warmup.getIfAvailable();
		if (warming == null) {
			return new StatisticsParticipant(connectionStatistics);
		}
		WarmupPeers peers = warming.peers();
		return new StatisticsParticipant(connectionStatistics, peers::isWarmup,
				statistics(properties, nettyServerProperties));
	}

	private static ConnectionStatistics statistics(ZokioProperties properties,
			NettyServerProperties nettyServerProperties) {
		return new ConnectionStatistics(properties.getStats().getLatencyWindow(),
				properties.getConnections().idleTimeout(nettyServerProperties.getIdleTimeout()),
				properties.getStats().getStreamThreshold());
	}

}
