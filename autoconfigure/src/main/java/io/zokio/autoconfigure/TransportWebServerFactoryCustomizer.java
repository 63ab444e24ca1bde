package io.zokio.autoconfigure;

import java.util.Map;

import io.netty.channel.ChannelOption;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.ReadBufferRing;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.ZokioLoopResources;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Gives the application server's connections the options the selected transport needs: on
 * io_uring with a read buffer ring, the ring's buffer group, which marks the pool's ring as
 * registered. A connection reads its options when it registers with its loop, before any handler
 * sees it, so the transport is selected here, when Boot creates the server, and the resource
 * factory's loops are the same.
 */
public final class TransportWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final TransportSelector transportSelector;

	private final @Nullable BufferPool bufferPool;

	/**
	 * Create a customizer for the transport the given selector chose.
	 * @param transportSelector the selector
	 * @param bufferPool the buffer pool, or {@code null} when Zokio does not manage it
	 */
	public TransportWebServerFactoryCustomizer(TransportSelector transportSelector, @Nullable BufferPool bufferPool) {
		this.transportSelector = transportSelector;
		this.bufferPool = bufferPool;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers(this::customize);
	}

	@SuppressWarnings("unchecked")
	private HttpServer customize(HttpServer server) {
		ZokioLoopResources resources = this.transportSelector.select();
		ReadBufferRing ring = (this.bufferPool != null) ? this.bufferPool.readBufferRing() : null;
		if (ring != null && resources.readsIntoProvidedBuffers()) {
			ring.registered();
		}
		HttpServer customized = server;
		for (Map.Entry<ChannelOption<?>, Object> option : resources.childOptions().entrySet()) {
			customized = customized.childOption((ChannelOption<Object>) option.getKey(), option.getValue());
		}
		return customized;
	}

}
