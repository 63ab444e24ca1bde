package io.zokio.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerConfig;
import reactor.netty.http.server.ProxyProtocolSupportType;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zokio's settings of the {@link HttpServer}, applied to {@code HttpServer.create()} the way Boot's
 * factory applies its customizers, and read back from the server's configuration.
 */
class HttpServerWebServerFactoryCustomizerTests {

	private final ZokioProperties properties = new ZokioProperties();

	@Test
	void leavesReactorNettysPerRequestIdleHandlerOutWhateverZokiosIdleTimeout() {
		assertThat(configure(false).idleTimeout()).isNull();
		this.properties.getConnections().setDefaultIdleTimeout(Duration.ofSeconds(5));
		assertThat(configure(false).idleTimeout()).isNull();
	}

	@Test
	void raisesTheRequestLineLimitToWhatRfc9112RecommendsWhenBootsIsNotSet() {
		assertThat(configure(false).decoder().maxInitialLineLength())
			.isEqualTo(HttpServerWebServerFactoryCustomizer.MIN_REQUEST_LINE_LENGTH);
	}

	@Test
	void leavesBootsRequestLineLimitToBoot() {
		assertThat(configure(true).decoder().maxInitialLineLength()).isEqualTo(4096);
	}

	@Test
	void saysTheLineLimitTheDecoderGets() {
		NettyServerProperties boots = new NettyServerProperties();
		boots.setMaxInitialLineLength(DataSize.ofKilobytes(2));
		assertThat(HttpServerWebServerFactoryCustomizer.requestLineLength(false, boots))
			.isEqualTo(configure(false).decoder().maxInitialLineLength());
		assertThat(HttpServerWebServerFactoryCustomizer.requestLineLength(true, boots)).isEqualTo(2048);
	}

	@Test
	void advertisesTheConfiguredHttp2Settings() {
		this.properties.getHttp2().setMaxConcurrentStreams(17);
		this.properties.getHttp2().setMaxHeaderListSize(DataSize.ofKilobytes(12));
		HttpServerConfig configuration = configure(false);
		assertThat(configuration.http2SettingsSpec().maxConcurrentStreams()).isEqualTo(17);
		assertThat(configuration.http2SettingsSpec().maxHeaderListSize()).isEqualTo(12 * 1024);
	}

	@ParameterizedTest
	@CsvSource({ "OFF, OFF", "ON, ON", "AUTO, AUTO" })
	void takesTheProxyProtocolInItsMode(ZokioProperties.ProxyProtocol.Mode mode, ProxyProtocolSupportType type) {
		this.properties.getProxyProtocol().setMode(mode);
		assertThat(configure(false).proxyProtocolSupportType()).isEqualTo(type);
	}

	private HttpServerConfig configure(boolean bootRequestLine) {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
		new HttpServerWebServerFactoryCustomizer(this.properties, bootRequestLine).customize(factory);
		HttpServer server = HttpServer.create();
		for (NettyServerCustomizer customizer : factory.getServerCustomizers()) {
			server = customizer.apply(server);
		}
		return server.configuration();
	}

}
