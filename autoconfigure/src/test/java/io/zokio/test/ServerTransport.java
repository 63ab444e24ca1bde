package io.zokio.test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The transports a test server can run on, each required (no fallback) so that a test runs on the
 * transport it names or is skipped with the reason the host lacks it.
 */
public enum ServerTransport {

	/**
	 * Linux io_uring.
	 */
	IO_URING("io-uring"),

	/**
	 * Linux epoll.
	 */
	EPOLL("epoll"),

	/**
	 * The JDK's NIO selector.
	 */
	NIO("nio");

	private final String mode;

	ServerTransport(String mode) {
		this.mode = mode;
	}

	/**
	 * Return the arguments of a test that runs on every transport and every given layout.
	 * @param layouts the layouts
	 * @return a transport and a layout per test
	 */
	public static Stream<Arguments> onEvery(List<Layout> layouts) {
		return Stream.of(values()).flatMap((transport) -> layouts.stream().map((layout) -> Arguments.of(transport, layout)));
	}

	/**
	 * Return why the host cannot run this transport.
	 * @return the reason, or {@code null} if it can
	 */
	public String unavailability() {
		Throwable cause = switch (this) {
			case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
			case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
			case NIO -> null;
		};
		return (cause != null) ? name() + " is not available here: " + cause : null;
	}

	/**
	 * Return the server arguments that run this transport and nothing else.
	 * @return the arguments
	 */
	public List<String> serverArgs() {
		return List.of("--zokio.transport.mode=" + this.mode, "--zokio.transport.require-native=" + (this != NIO));
	}

	/**
	 * Start a test server on this transport, or skip the test with the reason the host lacks it.
	 * @param args further server arguments
	 * @return the running server
	 */
	public TestServer start(String... args) {
		String unavailability = unavailability();
		Assumptions.assumeTrue(unavailability == null, unavailability);
		List<String> all = new ArrayList<>(serverArgs());
		all.addAll(List.of(args));
		return TestServer.start(all.toArray(String[]::new));
	}

}
