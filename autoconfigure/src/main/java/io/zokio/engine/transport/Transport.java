package io.zokio.engine.transport;

import io.zokio.engine.selection.Candidate;

/**
 * The I/O transports the engine can run on, named as Reactor Netty names them.
 */
public enum Transport implements Candidate {

	/**
	 * Linux io_uring (kernel 5.9 or later).
	 */
	IO_URING("io_uring", true),

	/**
	 * Linux epoll.
	 */
	EPOLL("epoll", true),

	/**
	 * BSD and macOS kqueue.
	 */
	KQUEUE("kqueue", true),

	/**
	 * The JDK's selector-based NIO, available everywhere.
	 */
	NIO("nio", false);

	private final String id;

	private final boolean nativeTransport;

	Transport(String id, boolean nativeTransport) {
		this.id = id;
		this.nativeTransport = nativeTransport;
	}

	/**
	 * Return the plain name of the transport ({@code io_uring}, {@code epoll}, {@code kqueue},
	 * {@code nio}).
	 * @return the name
	 */
	@Override
	public String id() {
		return this.id;
	}

	/**
	 * Return whether the transport uses a native library.
	 * @return whether the transport is native
	 */
	@Override
	public boolean isNative() {
		return this.nativeTransport;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
