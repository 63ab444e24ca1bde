package io.zokio.engine.buffer;

import java.net.SocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Installs the {@link MemoryGuardHandler} after the HTTP/1.1 codec and the engine's other
 * handlers, just before Reactor Netty's HTTP handler, so that the statistics count refused
 * requests and their {@code 503}s whatever order the engine's handlers were installed in.
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
		MemoryGuardHandler handler = new MemoryGuardHandler(this.guard);
		if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
			pipeline.addBefore(NettyPipeline.HttpTrafficHandler, MemoryGuardHandler.NAME, handler);
		}
		else {
			pipeline.addAfter(NettyPipeline.HttpCodec, MemoryGuardHandler.NAME, handler);
		}
	}

}
