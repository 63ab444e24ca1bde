package io.zokio.engine.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.uring.IoUring;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * Reactor Netty's default event loops as they are without Netty's io_uring transport on the class
 * path, where the starter puts it: epoll, sized and named as Reactor Netty sizes and names its own
 * ({@code reactor-http-epoll-1}, one per core and at least four). Reactor Netty picks io_uring
 * whenever it loads; with Zokio turned off, these loops give the server plain Spring Boot runs.
 * Loops without the native transport are Reactor Netty's.
 */
public final class EpollDefaultLoops implements LoopResources {

	private static final String PREFIX = "reactor-http";

	private final LoopResources nio = LoopResources.create(PREFIX, LoopResources.DEFAULT_IO_WORKER_COUNT, true);

	private final AtomicReference<@Nullable EventLoopGroup> server = new AtomicReference<>();

	private final AtomicReference<@Nullable EventLoopGroup> client = new AtomicReference<>();

	private volatile boolean disposed;

	/**
	 * Return whether Reactor Netty would run its default loops on io_uring where, without it on the
	 * class path, it would run them on epoll.
	 * @return whether these loops differ from Reactor Netty's own
	 */
	public static boolean differFromReactorNetty() {
		return Epoll.isAvailable() && IoUring.isAvailable();
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		if (!useNative) {
			return this.nio.onServer(false);
		}
		EventLoopGroup group = this.server.get();
		if (group != null) {
			return group;
		}
		EventLoopGroup created = new MultiThreadIoEventLoopGroup(LoopResources.DEFAULT_IO_WORKER_COUNT,
				new EventLoopThreadFactory(PREFIX + "-" + Transport.EPOLL.id() + "-"), EpollIoHandler.newFactory());
		if (!this.server.compareAndSet(null, created)) {
			created.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
		}
		return onServer(true);
	}

	@Override
	public EventLoopGroup onServerSelect(boolean useNative) {
		return onServer(useNative);
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		if (!useNative) {
			return this.nio.onClient(false);
		}
		EventLoopGroup group = this.client.get();
		if (group == null) {
			this.client.compareAndSet(null, LoopResources.colocate(onServer(true)));
			group = this.client.get();
		}
		return (group != null) ? group : onClient(true);
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.defer(() -> {
			this.disposed = true;
			EventLoopGroup group = this.server.get();
			Mono<Void> epoll = (group == null) ? Mono.empty() : Mono.create((sink) -> {
				group.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS);
				group.terminationFuture().addListener((future) -> sink.success());
			});
			return Mono.when(epoll, this.nio.disposeLater(quietPeriod, timeout));
		});
	}

	@Override
	public boolean isDisposed() {
		return this.disposed;
	}

}
