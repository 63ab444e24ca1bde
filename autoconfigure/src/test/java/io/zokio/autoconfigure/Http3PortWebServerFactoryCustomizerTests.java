package io.zokio.autoconfigure;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class Http3PortWebServerFactoryCustomizerTests {

	private final Http3PortWebServerFactoryCustomizer customizer = new Http3PortWebServerFactoryCustomizer();

	@Test
	void givesAnEphemeralPortANumberFreeOnUdpAtTheServersAddress() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(0);
		factory.setAddress(InetAddress.getLoopbackAddress());
		this.customizer.customize(factory);
		assertThat(factory.getPort()).isPositive();
		assertThatNoException().isThrownBy(() -> new DatagramSocket(
				new InetSocketAddress(InetAddress.getLoopbackAddress(), factory.getPort())).close());
	}

	@Test
	void leavesAConfiguredPortAlone() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(8443);
		this.customizer.customize(factory);
		assertThat(factory.getPort()).isEqualTo(8443);
	}

}
