package io.zokio.engine.tls;

import java.time.Duration;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import io.zokio.test.TestKeyMaterial;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The self-handshake against real server contexts of each implementation.
 */
class SelfHandshakeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@ParameterizedTest
	@EnumSource(TlsProvider.class)
	void completesAgainstTheServersKeyMaterial(TlsProvider provider) throws Exception {
		SslContext context = server(provider).build();
		try {
			SelfHandshake.Result result = SelfHandshake.run(context, TIMEOUT);
			assertThat(result.protocol()).isEqualTo("TLSv1.3");
			assertThat(result.applicationProtocol()).isEqualTo("none");
		}
		finally {
			ReferenceCountUtil.release(context);
		}
	}

	@ParameterizedTest
	@EnumSource(TlsProvider.class)
	void negotiatesTheServersFirstAlpnProtocol(TlsProvider provider) throws Exception {
		SslContext context = server(provider).applicationProtocolConfig(new ApplicationProtocolConfig(
				ApplicationProtocolConfig.Protocol.ALPN, ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
				ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "h2", "http/1.1"))
			.build();
		try {
			assertThat(SelfHandshake.run(context, TIMEOUT).applicationProtocol()).isEqualTo("h2");
		}
		finally {
			ReferenceCountUtil.release(context);
		}
	}

	@ParameterizedTest
	@EnumSource(TlsProvider.class)
	void failsWhenTheServerEnablesOnlyAProtocolTheClientRefuses(TlsProvider provider) throws Exception {
		SslContext context = server(provider).protocols("TLSv1").build();
		try {
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> SelfHandshake.run(context, TIMEOUT));
		}
		finally {
			ReferenceCountUtil.release(context);
		}
	}

	static SslContextBuilder server(TlsProvider provider) throws Exception {
		return SslContextBuilder.forServer(TestKeyMaterial.keyManagers()).sslProvider(provider.sslProvider());
	}

}
