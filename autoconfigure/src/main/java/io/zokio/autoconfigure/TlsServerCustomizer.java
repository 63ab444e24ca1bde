package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Secures the server with the contexts Zokio built, in place of Boot's own SSL customizer, and
 * speaks HTTP/1.1 and, when HTTP/2 is on, h2 chosen by ALPN, as Boot's factory does for a secure
 * server. As Boot does, every connection looks its context up by server name, so that a context
 * replaced on a bundle's reload serves new connections at once; each carries Zokio's handshake
 * deadline.
 */
final class TlsServerCustomizer implements NettyServerCustomizer {

	private final Duration handshakeTimeout;

	private final boolean http2;

	private volatile SslProvider defaultProvider;

	private final Map<String, SslProvider> serverNameProviders = new ConcurrentHashMap<>();

	TlsServerCustomizer(SslContext defaultContext, Duration handshakeTimeout, boolean http2) {
		this.handshakeTimeout = handshakeTimeout;
		this.http2 = http2;
		this.defaultProvider = provider(defaultContext);
	}

	@Override
	public HttpServer apply(HttpServer server) {
		HttpServer secured = this.http2 ? server.protocol(HttpProtocol.HTTP11, HttpProtocol.H2)
				: server.protocol(HttpProtocol.HTTP11);
		return secured.secure((spec) -> spec.sslContext(this.defaultProvider.getSslContext())
			.handshakeTimeout(this.handshakeTimeout)
			.setSniAsyncMappings((serverName, promise) -> promise.setSuccess(provider(serverName))));
	}

	/**
	 * Serve new connections with another context.
	 * @param serverName the server name it is for, or {@code null} for the default context
	 * @param context the context
	 */
	void update(@Nullable String serverName, SslContext context) {
		SslProvider replaced;
		if (serverName == null) {
			replaced = this.defaultProvider;
			this.defaultProvider = provider(context);
		}
		else {
			replaced = this.serverNameProviders.put(serverName, provider(context));
		}
		if (replaced != null) {
			ReferenceCountUtil.release(replaced.getSslContext());
		}
	}

	private SslProvider provider(@Nullable String serverName) {
		SslProvider provider = (serverName != null) ? this.serverNameProviders.get(serverName) : null;
		return (provider != null) ? provider : this.defaultProvider;
	}

	private SslProvider provider(SslContext context) {
		return SslProvider.builder().sslContext(context).handshakeTimeout(this.handshakeTimeout).build();
	}

}
