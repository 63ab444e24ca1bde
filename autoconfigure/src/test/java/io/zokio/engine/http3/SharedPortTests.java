package io.zokio.engine.http3;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SharedPortTests {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	@Test
	void choosesAPortBothAUdpSocketAndATcpServerThenBindOnLoopback() {
		int port = SharedPort.ephemeral(LOOPBACK);
		assertThat(port).isPositive();
		assertThatNoException().isThrownBy(() -> bindBoth(new InetSocketAddress(LOOPBACK, port)));
	}

	@Test
	void choosesAPortBothThenBindOnEveryAddress() {
		int port = SharedPort.ephemeral(null);
		assertThat(port).isPositive();
		assertThatNoException().isThrownBy(() -> bindBoth(new InetSocketAddress(port)));
	}

	/**
	 * With a thousand UDP ports held, a port chosen on TCP alone would be one of them in about one
	 * draw of 28 on Linux's default ephemeral range, some ten times in three hundred draws.
	 */
	@Test
	void neverChoosesANumberAUdpSocketHolds() throws Exception {
		List<DatagramSocket> held = new ArrayList<>();
		try {
			Set<Integer> ports = new HashSet<>();
			for (int i = 0; i < 1000; i++) {
				DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
				held.add(socket);
				ports.add(socket.getLocalPort());
			}
			for (int i = 0; i < 300; i++) {
				assertThat(ports).doesNotContain(SharedPort.ephemeral(LOOPBACK));
			}
		}
		finally {
			for (DatagramSocket socket : held) {
				socket.close();
			}
		}
	}

	private static void bindBoth(InetSocketAddress address) throws Exception {
		try (DatagramSocket udp = new DatagramSocket(address); ServerSocket tcp = new ServerSocket()) {
			tcp.bind(address);
		}
	}

}
