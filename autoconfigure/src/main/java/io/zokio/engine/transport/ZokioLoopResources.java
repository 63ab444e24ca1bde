package io.zokio.engine.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * {@link LoopResources} running on the transport chosen by a {@link TransportSelector}: one event
 * loop group serves both accepting and connections, and every channel is created by the chosen
 * transport whatever Reactor Netty's own native detection would pick.
 */
public final class ZokioLoopResources implements LoopResources {

	private final TransportCandidate candidate;

	private final EventLoopGroup group;

	private final TransportReport report;

	ZokioLoopResources(TransportCandidate candidate, EventLoopGroup group, TransportReport report) {
		this.candidate = candidate;
		this.group = group;
		this.report = report;
	}

	/**
	 * Return the report of the selection that created these resources.
	 * @return the report
	 */
	public TransportReport report() {
		return this.report;
	}

	/**
	 * Return the event loop group.
	 * @return the event loop group
	 */
	public EventLoopGroup eventLoopGroup() {
		return this.group;
	}

	/**
	 * Return the options each accepted connection needs on the selected transport.
	 * @return the child channel options, empty for none
	 */
	public Map<ChannelOption<?>, Object> childOptions() {
		return this.candidate.childOptions();
	}

	/**
	 * Return whether the event loops read into provided buffers.
	 * @return whether reads take their buffers from a registered ring
	 */
	public boolean readsIntoProvidedBuffers() {
		return this.candidate.readsIntoProvidedBuffers();
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.group;
	}

	@Override
	public <C extends Channel> C onChannel(Class<C> channelType, EventLoopGroup eventLoopGroup) {
		return this.candidate.newChannel(channelType);
	}

	@Override
	public <C extends Channel> Class<? extends C> onChannelClass(Class<C> channelType,
			EventLoopGroup eventLoopGroup) {
		return this.candidate.channelClass(channelType);
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.create((sink) -> {
			this.group.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.group.terminationFuture().addListener((future) -> sink.success());
		});
	}

	@Override
	public boolean isDisposed() {
		return this.group.isShuttingDown();
	}

}
