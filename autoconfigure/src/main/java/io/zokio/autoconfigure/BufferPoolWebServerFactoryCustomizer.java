package io.zokio.autoconfigure;

import io.netty.channel.ChannelOption;
import io.zokio.engine.buffer.BufferPool;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Makes the buffer pool the allocator of every connection of the application's server, so that
 * request and response buffers, WebFlux's included, come from it.
 */
public final class BufferPoolWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final BufferPool bufferPool;

	/**
	 * Create a customizer installing the given pool.
	 * @param bufferPool the pool
	 */
	public BufferPoolWebServerFactoryCustomizer(BufferPool bufferPool) {
		this.bufferPool = bufferPool;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((server) -> server.childOption(ChannelOption.ALLOCATOR, this.bufferPool.allocator()));
	}

}
