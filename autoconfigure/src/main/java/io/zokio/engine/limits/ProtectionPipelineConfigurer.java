package io.zokio.engine.limits;

import java.net.SocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.zokio.engine.stats.CloseReason;
import io.zokio.engine.stats.CloseReasons;
import io.zokio.engine.stats.ConnectionStatisticsHandler;
import io.zokio.engine.stats.HttpExchangeStatisticsHandler;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Applies the limits to each new connection of the application server: refuses it when the server
 * is at its connection limit or shutting down, otherwise installs its guard handlers on both sides
 * of the HTTP/1.1 codec. Configured after the statistics, the handler after the codec takes the
 * place of the statistics' one and records the exchanges too.
 */
public final class ProtectionPipelineConfigurer implements ChannelPipelineConfigurer {

	private final ServerConnections connections;

	private final GuardTimeouts timeouts;

	private final long tickNanos;

	/**
	 * Create a configurer applying the given limits.
	 * @param limits the limits
	 * @param connections the server's live connections
	 */
	public ProtectionPipelineConfigurer(ConnectionLimits limits, ServerConnections connections) {
		this.connections = connections;
		this.timeouts = GuardTimeouts.of(limits);
		this.tickNanos = DeadlineSweeper.tickNanos(limits);
	}

	@Override
	public void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(RequestBytesGuardHandler.NAME) != null) {
			return;
		}
		if (!this.connections.tryOpen(channel)) {
			CloseReasons.mark(channel, CloseReason.REJECTED);
			channel.config().setAutoRead(false);
			channel.eventLoop().execute(channel::close);
			return;
		}
		if (pipeline.get(NettyPipeline.HttpCodec) == null) {
			return;
		}
		ConnectionGuard guard = new ConnectionGuard(channel, this.timeouts, this.connections);
		this.connections.guard(channel, guard, this.tickNanos);
		if (pipeline.get(ConnectionStatisticsHandler.NAME) != null) {
			pipeline.addAfter(ConnectionStatisticsHandler.NAME, RequestBytesGuardHandler.NAME, new RequestBytesGuardHandler(guard));
		}
		else {
			pipeline.addFirst(RequestBytesGuardHandler.NAME, new RequestBytesGuardHandler(guard));
		}
		HttpExchangeStatisticsHandler exchangeStatistics = pipeline.get(HttpExchangeStatisticsHandler.class);
		if (exchangeStatistics != null) {
			pipeline.replace(exchangeStatistics, HttpRequestGuardHandler.NAME,
					new HttpRequestGuardHandler(guard, exchangeStatistics.tracker()));
		}
		else {
			pipeline.addAfter(NettyPipeline.HttpCodec, HttpRequestGuardHandler.NAME, new HttpRequestGuardHandler(guard, null));
		}
	}

}
