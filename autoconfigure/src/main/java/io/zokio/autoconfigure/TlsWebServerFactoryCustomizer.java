package io.zokio.autoconfigure;

import java.util.Objects;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.zokio.engine.tls.TlsContextFactory;
import io.zokio.engine.tls.TlsSelector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.tcp.AbstractProtocolSslContextSpec;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Chooses the TLS implementation of the application's server by staged selection and applies it
 * to the server's own SSL configuration ({@code server.ssl.*}, {@code server.ssl.bundle},
 * {@code server.ssl.server-name-bundles}, {@code spring.ssl.bundle.*}), built as Boot's SSL
 * customizer builds it: the bundle's key and trust managers, protocols and ciphers, the client
 * authentication, and ALPN for HTTP/2 when it is on. A bundle reloaded on update is rebuilt with
 * the same implementation and proven by a self-handshake before it serves. Runs after Boot's own
 * customizers, which set the factory's SSL, and then takes the SSL off the factory, so that Boot
 * neither builds a context of its own (with its default implementation, which may refuse the
 * configuration) nor reloads one that would not serve.
 */
final class TlsWebServerFactoryCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>,
		Ordered {

	private static final Logger logger = LoggerFactory.getLogger(TlsWebServerFactoryCustomizer.class);

	private final TlsSelector selector;

	TlsWebServerFactoryCustomizer(TlsSelector selector) {
		this.selector = selector;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		Ssl ssl = factory.getSsl();
		if (!Ssl.isEnabled(ssl)) {
			return;
		}
		SslBundles bundles = factory.getSslBundles();
		Http2 http2Settings = factory.getHttp2();
		boolean http2 = http2Settings != null && http2Settings.isEnabled();
		ClientAuth clientAuth = Ssl.ClientAuth.map(ssl.getClientAuth(), ClientAuth.NONE, ClientAuth.OPTIONAL,
				ClientAuth.REQUIRE);
		SslContext context = this.selector.select(contexts(WebServerSslBundle.get(ssl, bundles), http2, clientAuth));
		TlsServerCustomizer customizer = new TlsServerCustomizer(context, this.selector.settings().handshakeTimeout(),
				http2);
		Assert.state(bundles != null || ssl.getServerNameBundles().isEmpty(),
				"SSL bundles are required to serve server name bundles");
		for (Ssl.ServerNameSslBundle named : ssl.getServerNameBundles()) {
			customizer.update(named.serverName(), build(Objects.requireNonNull(bundles).getBundle(named.bundle()), http2, clientAuth));
			Objects.requireNonNull(bundles).addBundleUpdateHandler(named.bundle(),
					(updated) -> reload(customizer, named.serverName(), updated, http2, clientAuth));
		}
		if (ssl.getBundle() != null && bundles != null) {
			Objects.requireNonNull(bundles).addBundleUpdateHandler(ssl.getBundle(),
					(updated) -> reload(customizer, null, updated, http2, clientAuth));
		}
		factory.setSsl(null);
		factory.addServerCustomizers(customizer);
	}

	private SslContext build(SslBundle bundle, boolean http2, ClientAuth clientAuth) {
		try {
			return this.selector.build(contexts(bundle, http2, clientAuth));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not build the TLS context of a server name bundle", ex);
		}
	}

	private void reload(TlsServerCustomizer customizer, @Nullable String serverName, SslBundle bundle, boolean http2,
			ClientAuth clientAuth) {
		try {
			customizer.update(serverName, this.selector.build(contexts(bundle, http2, clientAuth)));
			logger.info("Zokio TLS: reloaded the SSL bundle{}", (serverName != null) ? " of " + serverName : "");
		}
		catch (Exception ex) {
			logger.warn("Zokio TLS: the updated SSL bundle{} could not be used, the previous one still serves: {}",
					(serverName != null) ? " of " + serverName : "", ex.getMessage());
		}
	}

	private static TlsContextFactory contexts(SslBundle bundle, boolean http2, ClientAuth clientAuth) {
		return (provider) -> {
			AbstractProtocolSslContextSpec<?> spec = http2
					? Http2SslContextSpec.forServer(bundle.getManagers().getKeyManagerFactory())
					: Http11SslContextSpec.forServer(bundle.getManagers().getKeyManagerFactory());
			spec.configure((builder) -> {
				builder.trustManager(bundle.getManagers().getTrustManagerFactory());
				SslOptions options = bundle.getOptions();
				if (options.getEnabledProtocols() != null) {
					builder.protocols(options.getEnabledProtocols());
				}
				if (options.getCiphers() != null) {
					builder.ciphers(SslOptions.asSet(options.getCiphers()));
				}
				builder.clientAuth(clientAuth).sslProvider(provider.sslProvider());
			});
			return spec.sslContext();
		};
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
