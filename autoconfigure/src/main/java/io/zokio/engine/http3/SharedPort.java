package io.zokio.engine.http3;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the port of a server asked for an ephemeral one that also serves HTTP/3. HTTP/3 binds
 * the UDP port of the number the TCP server bound, and the kernel picks an ephemeral TCP port
 * without regard to UDP, where a client's socket may hold the same number: the port is chosen
 * free on both instead.
 */
public final class SharedPort {

	private static final int ATTEMPTS = 100;

	private SharedPort() {
	}

	/**
	 * Return a port free on both UDP and TCP at the given address, or 0, which leaves the choice to
	 * the kernel as before, if none was found in a hundred attempts.
	 * @param address the address the server binds, or {@code null} for every address
	 * @return the port, or 0
	 */
	public static int ephemeral(@Nullable InetAddress address) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0));
					ServerSocket tcp = new ServerSocket()) {
				tcp.bind(new InetSocketAddress(address, udp.getLocalPort()));
				return udp.getLocalPort();
			}
			catch (IOException ex) {
				// the number is taken on TCP, or UDP cannot be bound at all
			}
		}
		return 0;
	}

}
