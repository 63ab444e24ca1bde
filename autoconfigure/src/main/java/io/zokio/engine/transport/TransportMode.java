package io.zokio.engine.transport;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which transport the engine tries first.
 */
public enum TransportMode {

	/**
	 * The first transport the host allows of io_uring, epoll, kqueue, NIO: the fastest first, each
	 * keeping every guard under load.
	 */
	AUTO(null),

	/**
	 * Linux io_uring first, then the automatic order.
	 */
	IO_URING(Transport.IO_URING),

	/**
	 * Linux epoll first, then the automatic order.
	 */
	EPOLL(Transport.EPOLL),

	/**
	 * BSD and macOS kqueue first, then the automatic order.
	 */
	KQUEUE(Transport.KQUEUE),

	/**
	 * The JDK's NIO only.
	 */
	NIO(Transport.NIO);

	static final List<Transport> AUTO_ORDER = List.of(Transport.IO_URING, Transport.EPOLL, Transport.KQUEUE,
			Transport.NIO);

	private final @Nullable Transport requested;

	TransportMode(@Nullable Transport requested) {
		this.requested = requested;
	}

	/**
	 * Return the transport explicitly requested by this mode.
	 * @return the requested transport, or {@code null} for {@link #AUTO}
	 */
	public @Nullable Transport requested() {
		return this.requested;
	}

	/**
	 * Return the transports to try, in order: the requested one first, then the automatic order, NIO
	 * last.
	 * @return the order of transports to try
	 */
	public List<Transport> order() {
		List<Transport> order = new ArrayList<>();
		if (this.requested != null) {
			order.add(this.requested);
		}
		for (Transport transport : AUTO_ORDER) {
			if (!order.contains(transport)) {
				order.add(transport);
			}
		}
		return List.copyOf(order);
	}

	/**
	 * Return the lowercase, hyphenated name used in configuration.
	 * @return the configuration name
	 */
	public String id() {
		return name().toLowerCase().replace('_', '-');
	}

}
