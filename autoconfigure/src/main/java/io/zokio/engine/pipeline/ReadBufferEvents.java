package io.zokio.engine.pipeline;

/**
 * Recognises io_uring's provided buffer ring events without loading the io_uring transport's
 * classes where they are absent.
 */
final class ReadBufferEvents {

	private static final String EXHAUSTED = "io.netty.channel.uring.IoUringBufferRingExhaustedEvent";

	private ReadBufferEvents() {
	}

	/**
	 * Return whether an event says that the event loop's read buffer ring was empty and could not
	 * grow.
	 * @param event the user event
	 * @return whether it is the ring's exhaustion event
	 */
	static boolean isExhausted(Object event) {
		return EXHAUSTED.equals(event.getClass().getName());
	}

}
