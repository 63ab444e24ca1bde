package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zokio.engine.tls.TlsMode;
import io.zokio.engine.transport.TransportMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Zokio's properties bound from strings, as application.yml and the environment give them: sizes,
 * durations, enums in kebab case and lists, and the defaults of what is not set.
 */
class ZokioPropertiesBindingTests {

	@Test
	void bindsEveryKindOfValueFromStrings() {
		ZokioProperties properties = bind(Map.of("zokio.transport.mode", "io-uring",
				"zokio.transport.event-loop-threads", "3", "zokio.buffer-pool.preallocate", "32MB",
				"zokio.buffer-pool.ring.buffer-size", "16KB", "zokio.connections.max", "500",
				"zokio.connections.request-header-timeout", "250ms", "zokio.connections.max-request-body-size", "1GB",
				"zokio.proxy-protocol.mode", "on", "zokio.proxy-protocol.trusted-sources", "10.0.0.0/8, 192.168.1.7",
				"zokio.tls.provider", "jdk"));
		assertThat(properties.getTransport().getMode()).isEqualTo(TransportMode.IO_URING);
		assertThat(properties.getTransport().getEventLoopThreads()).isEqualTo(3);
		assertThat(properties.getBufferPool().getPreallocate()).isEqualTo(DataSize.ofMegabytes(32));
		assertThat(properties.getBufferPool().getRing().getBufferSize()).isEqualTo(DataSize.ofKilobytes(16));
		assertThat(properties.getConnections().getMax()).isEqualTo(500);
		assertThat(properties.getConnections().getRequestHeaderTimeout()).isEqualTo(Duration.ofMillis(250));
		assertThat(properties.getConnections().getMaxRequestBodySize()).isEqualTo(DataSize.ofGigabytes(1));
		assertThat(properties.getProxyProtocol().getMode()).isEqualTo(ZokioProperties.ProxyProtocol.Mode.ON);
		assertThat(properties.getProxyProtocol().getTrustedSources()).containsExactly("10.0.0.0/8", "192.168.1.7");
		assertThat(properties.getTls().getProvider()).isEqualTo(TlsMode.JDK);
	}

	@Test
	void leavesWhatIsNotSetAtItsDefault() {
		ZokioProperties properties = bind(Map.of("zokio.transport.mode", "nio"));
		assertThat(properties.getTransport().getEventLoopThreads()).isNull();
		assertThat(properties.getConnections().getMax()).isNull();
		assertThat(properties.getConnections().getDefaultIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getConnections().getMaxRequestBodySize()).isEqualTo(DataSize.ofMegabytes(10));
		assertThat(properties.getProxyProtocol().getTrustedSources()).isEqualTo(List.of());
	}

	@Test
	void refusesAValueOfTheWrongKindNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("zokio.connections.request-header-timeout", "soon")))
			.satisfies((ex) -> assertThat(ex.getProperty().getName().toString())
				.isEqualTo("zokio.connections.request-header-timeout"));
	}

	private static ZokioProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("zokio", ZokioProperties.class);
	}

}
