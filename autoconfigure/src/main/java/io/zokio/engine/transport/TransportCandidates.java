package io.zokio.engine.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.netty.util.internal.PlatformDependent;

/**
 * The candidates the selector tries for a mode, in order, built from what this host and classpath
 * offer.
 */
public final class TransportCandidates {

	private static final Set<String> KQUEUE_SYSTEMS = Set.of("osx", "freebsd", "openbsd", "netbsd");

	private TransportCandidates() {
	}

	/**
	 * Return the candidates for a mode: the requested transport first, then the automatic order,
	 * then NIO on the JDK's default selector and, where it exists, on the poll selector. A native
	 * transport that does not exist on this operating system is left out unless it was requested.
	 * @param mode the configured mode
	 * @return the candidates, in the order to try them
	 */
	public static List<TransportCandidate> forMode(TransportMode mode) {
		return forMode(mode, ProvidedBuffers.NONE);
	}

	/**
	 * Return the candidates for a mode, those that support it reading into the given provided
	 * buffers.
	 * @param mode the configured mode
	 * @param providedBuffers the provided buffers
	 * @return the candidates, in the order to try them
	 */
	public static List<TransportCandidate> forMode(TransportMode mode, ProvidedBuffers providedBuffers) {
		String os = PlatformDependent.normalizedOs();
		List<TransportCandidate> candidates = new ArrayList<>();
		for (Transport transport : mode.order()) {
			boolean requested = transport == mode.requested();
			switch (transport) {
				case IO_URING -> addNative(candidates, transport, requested, os, "linux".equals(os),
						"io.netty.channel.uring.IoUring", "netty-transport-native-io_uring",
						() -> new IoUringTransportCandidate(providedBuffers));
				case EPOLL -> addNative(candidates, transport, requested, os, "linux".equals(os),
						"io.netty.channel.epoll.Epoll", "netty-transport-native-epoll", EpollTransportCandidate::new);
				case KQUEUE -> addNative(candidates, transport, requested, os, KQUEUE_SYSTEMS.contains(os),
						"io.netty.channel.kqueue.KQueue", "netty-transport-native-kqueue",
						KQueueTransportCandidate::new);
				case NIO -> {
					candidates.add(NioTransportCandidate.withDefaultSelector());
					if (!PlatformDependent.isWindows()) {
						candidates.add(NioTransportCandidate.withPollSelector());
					}
				}
			}
		}
		return List.copyOf(candidates);
	}

	private static void addNative(List<TransportCandidate> candidates, Transport transport, boolean requested,
			String os, boolean supportedOs, String className, String artifactId,
			Supplier<TransportCandidate> candidate) {
		if (!supportedOs) {
			if (requested) {
				candidates.add(new MissingTransportCandidate(transport, transport + " is not supported on " + os));
			}
			return;
		}
		if (!isPresent(className)) {
			candidates.add(new MissingTransportCandidate(transport,
					"io.netty:" + artifactId + " is not on the classpath"));
			return;
		}
		candidates.add(candidate.get());
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, TransportCandidates.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
