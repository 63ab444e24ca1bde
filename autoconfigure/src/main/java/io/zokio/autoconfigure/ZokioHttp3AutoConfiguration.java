package io.zokio.autoconfigure;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.http3.Http3Server;
import io.zokio.engine.http3.Http3Settings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

/**
 * Auto-configuration of HTTP/3, when {@code zokio.http3.enabled}: a QUIC server on the
 * application server's port (UDP), started once that server listens, with its key material and
 * Zokio's pipeline, and the {@code Alt-Svc} field on HTTP/1.1 and HTTP/2 responses while it serves;
 * an ephemeral port is chosen free on both TCP and UDP.
 */
@AutoConfiguration(after = { ZokioPipelineAutoConfiguration.class, ZokioTlsAutoConfiguration.class,
		ZokioBufferPoolAutoConfiguration.class })
@ConditionalOnZokioServer
@ConditionalOnBooleanProperty("zokio.http3.enabled")
@EnableConfigurationProperties({ ZokioProperties.class, ServerProperties.class })
public final class ZokioHttp3AutoConfiguration {

	@Bean
	Http3Server zokioHttp3Server(ZokioProperties properties, ServerProperties serverProperties,
			PipelineWebServerFactoryCustomizer pipeline, BufferPool pool) {
		ZokioProperties.Http3 http3 = properties.getHttp3();
		return new Http3Server(new Http3Settings(http3.getIdleTimeout(), http3.getMaxData().toBytes(),
				http3.getMaxStreamData().toBytes(), http3.getMaxStreams(),
				serverProperties.getMaxHttpRequestHeaderSize().toBytes(), http3.getAltSvcMaxAge(), http3.isRequired()),
				pipeline.configurer(), properties.getTransport().getMode(), pool.allocator());
	}

	@Bean
	Http3Lifecycle zokioHttp3Lifecycle(Http3Server server, ServerProperties serverProperties,
			ObjectProvider<SslBundles> bundles, ObjectProvider<HttpHandler> handler, ApplicationContext context) {
		return new Http3Lifecycle(server, serverProperties, bundles::getIfAvailable, handler::getObject, context);
	}

	@Bean
	Http3PortWebServerFactoryCustomizer zokioHttp3PortWebServerFactoryCustomizer() {
		return new Http3PortWebServerFactoryCustomizer();
	}

	@Bean
	HttpHandlerDecoratorFactory zokioAltSvc(Http3Server server) {
		return new AltSvcDecorator(server);
	}

}
