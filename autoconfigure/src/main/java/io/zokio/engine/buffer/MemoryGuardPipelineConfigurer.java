package io.zokio.engine.buffer;

import java.net.SocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.zokio.engine.stats.HttpExchangeStatisticsHandler;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Installs the {@link MemoryGuardHandler} after the HTTP/1.1 codec, and after the statistics
 * handler when there is one, so that refused requests and their {@code 503}s are counted.
 */
public final class MemoryGuardPipelineConfigurer implements ChannelPipelineConfigurer {

	private final DirectMemoryGuard guard;

	/**
	 * Create a configurer installing handlers of the given guard.
	 * @param guard the guard
	 */
	public MemoryGuardPipelineConfigurer(DirectMemoryGuard guard) {
		this.guard = guard;
	}

	@Override
	public void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(MemoryGuardHandler.NAME) != null || pipeline.get(NettyPipeline.HttpCodec) == null) {
			return;
		}
		String anchor = (pipeline.get(HttpExchangeStatisticsHandler.NAME) != null)
				? HttpExchangeStatisticsHandler.NAME : NettyPipeline.HttpCodec;
		pipeline.addAfter(anchor, MemoryGuardHandler.NAME, new MemoryGuardHandler(this.guard));
	}

}
