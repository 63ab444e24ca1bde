package io.zokio.engine.transport;

import java.util.List;

/**
 * Finds the event loop threads the engine created.
 */
public final class EventLoopThreads {

	private EventLoopThreads() {
	}

	/**
	 * Return the live event loop threads of a transport.
	 * @param transport the transport's name
	 * @return the live threads named after it
	 */
	public static List<Thread> alive(String transport) {
		String prefix = "zokio-http-" + transport + "-";
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(prefix) && thread.isAlive())
			.toList();
	}

	/**
	 * Wait for the event loop threads of every transport to end.
	 * @param millis how long to wait for each thread
	 * @return the threads still alive after waiting
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static List<Thread> awaitAllEnded(long millis) throws InterruptedException {
		List<Thread> threads = alive("");
		for (Thread thread : threads) {
			thread.join(millis);
		}
		return threads.stream().filter(Thread::isAlive).toList();
	}

}
