package io.zokio.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What the ITs that drive programs from Debian's packages need of the host.
 */
final class HostTools {

	private HostTools() {
	}

	/**
	 * Skip the test where the programs are absent, and fail it in CI, which installs them.
	 * @param packages the Debian packages that bring them, as {@code .ci/run} names them
	 * @param programs the programs
	 */
	static void assumeInstalled(String packages, Path... programs) {
		boolean installed = Arrays.stream(programs).allMatch(Files::isExecutable);
		if (System.getenv("CI") != null) {
			assertThat(installed).as("CI installs %s (.ci/run)", packages).isTrue();
		}
		assumeThat(installed).as("%s installed", packages).isTrue();
	}

	/**
	 * Return distinct free ports on the loopback address: every socket stays open until all are
	 * chosen, so that none is handed out twice.
	 * @param count how many
	 * @return the ports
	 * @throws IOException if a socket cannot be opened
	 */
	static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

}
