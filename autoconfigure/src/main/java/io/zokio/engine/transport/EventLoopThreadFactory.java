package io.zokio.engine.transport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Names event loop threads after their transport ({@code zokio-http-epoll-1}) and makes them
 * {@link FastThreadLocalThread}s, so that they get the buffer pool's thread caches.
 */
final class EventLoopThreadFactory implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	EventLoopThreadFactory(Transport transport) {
		this("zokio-http-" + transport.id() + "-");
	}

	EventLoopThreadFactory(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new FastThreadLocalThread(task, this.prefix + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
