package io.zokio.engine.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.Causes;
import io.zokio.engine.selection.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries transport candidates in order, each through the {@link Stage#LOAD load},
 * {@link Stage#INIT init} and {@link Stage#BIND bind} stages, and serves the first
 * that passes all three. Every attempt and its cause is recorded in a {@link TransportReport}.
 */
public final class TransportSelector implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TransportSelector.class);

	private static final Duration REHEARSAL_TIMEOUT = Duration.ofSeconds(5);

	static final String REHEARSAL_THREAD_PREFIX = "zokio-rehearsal-";

	private final TransportSettings settings;

	private final Supplier<List<TransportCandidate>> candidates;

	private volatile @Nullable ZokioLoopResources current;

	/**
	 * Create a selector over the candidates this host offers for the configured mode.
	 * @param settings the transport settings
	 */
	public TransportSelector(TransportSettings settings) {
		this(settings, () -> TransportCandidates.forMode(settings.mode(), settings.providedBuffers()));
	}

	/**
	 * Create a selector over the given candidates.
	 * @param settings the transport settings
	 * @param candidates the candidates, in the order to try them
	 */
	public TransportSelector(TransportSettings settings, Supplier<List<TransportCandidate>> candidates) {
		this.settings = settings;
		this.candidates = candidates;
	}

	/**
	 * Rehearse a selection for a mode, without a report or a log: run the stages of each candidate
	 * in turn (load; a one-thread event loop group; a bind on loopback, then shut down) until one
	 * passes them all, so that a selection made later finds the libraries initialized and the
	 * classes of every stage loaded, as Boot's background preinitializer does for its own costly
	 * classes. Every failure is left for the selection to meet and report.
	 * @param mode the configured mode
	 * @return the transport that passed every stage, or {@code null} if none did
	 */
	public static @Nullable Transport preload(TransportMode mode) {
		return preload(TransportCandidates.forMode(mode));
	}

	static @Nullable Transport preload(List<TransportCandidate> candidates) {
		for (TransportCandidate candidate : candidates) {
			if (unavailabilityCause(candidate) == null && rehearse(candidate)) {
				return candidate.transport();
			}
		}
		return null;
	}

	private static boolean rehearse(TransportCandidate candidate) {
		EventLoopGroup group = null;
		try {
			group = new MultiThreadIoEventLoopGroup(1,
					new EventLoopThreadFactory(REHEARSAL_THREAD_PREFIX + candidate.transport().id() + "-"),
					candidate.ioHandlerFactory());
			trialBind(candidate, group, REHEARSAL_TIMEOUT);
			return true;
		}
		catch (Exception | LinkageError ex) {
			logger.trace("Rehearsing {} failed; the selection will say why", candidate.transport(), ex);
			return false;
		}
		finally {
			if (group != null) {
				group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			}
		}
	}

	/**
	 * Select a transport and create its event loops, unless the loops of an earlier selection are
	 * still running: then return those.
	 * @return loop resources running on the selected transport
	 * @throws NativeTransportUnavailableException if a native transport is required and none works
	 */
	public synchronized ZokioLoopResources select() {
		ZokioLoopResources running = this.current;
		if (running != null && !running.isDisposed()) {
			return running;
		}
		List<Attempt<Transport>> attempts = new ArrayList<>();
		for (TransportCandidate candidate : this.candidates.get()) {
			if (this.settings.requireNative() && !candidate.transport().isNative()) {
				break;
			}
			ZokioLoopResources resources = attempt(candidate, attempts);
			if (resources != null) {
				return resources;
			}
		}
		if (this.settings.requireNative()) {
			throw new NativeTransportUnavailableException(attempts);
		}
		throw new IllegalStateException("No transport could be used: " + attempts);
	}

	/**
	 * Return the report of the last selection.
	 * @return the report, or {@code null} before the first selection
	 */
	public @Nullable TransportReport report() {
		ZokioLoopResources resources = this.current;
		return (resources != null) ? resources.report() : null;
	}

	/**
	 * Return the loop resources of the last selection.
	 * @return the loop resources, or {@code null} before the first selection
	 */
	public @Nullable ZokioLoopResources current() {
		return this.current;
	}

	/**
	 * Shut the loops of the last selection down if they still run: their user, such as a resource
	 * factory, normally disposes of them, but one that failed to start never took them.
	 */
	@Override
	public synchronized void close() {
		ZokioLoopResources running = this.current;
		if (running != null && !running.isDisposed()) {
			running.eventLoopGroup().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
		}
	}

	private @Nullable ZokioLoopResources attempt(TransportCandidate candidate, List<Attempt<Transport>> attempts) {
		Transport transport = candidate.transport();
		long start = System.nanoTime();
		Throwable unavailable = unavailabilityCause(candidate);
		if (unavailable != null) {
			attempts.add(Attempt.failed(transport, Stage.LOAD, Causes.describe(unavailable),
					micros(start)));
			return null;
		}
		EventLoopGroup group;
		try {
			group = new MultiThreadIoEventLoopGroup(this.settings.eventLoopThreads(),
					new EventLoopThreadFactory(transport), candidate.ioHandlerFactory());
		}
		catch (RuntimeException | LinkageError ex) {
			attempts.add(Attempt.failed(transport, Stage.INIT, Causes.describe(ex), micros(start)));
			return null;
		}
		try {
			trialBind(candidate, group, this.settings.trialTimeout());
		}
		catch (Exception | LinkageError ex) {
			group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
			attempts.add(Attempt.failed(transport, Stage.BIND, Causes.describe(ex), micros(start)));
			return null;
		}
		attempts.add(Attempt.selected(transport, Stage.BIND, micros(start)));
		TransportReport selected = new TransportReport(transport, this.settings.mode(), this.settings.requireNative(),
				attempts.size() > 1, this.settings.eventLoopThreads(), attempts);
		selected.log(logger, "transport");
		ZokioLoopResources resources = new ZokioLoopResources(candidate, group, selected);
		this.current = resources;
		return resources;
	}

	static @Nullable Throwable unavailabilityCause(TransportCandidate candidate) {
		try {
			return candidate.unavailabilityCause();
		}
		catch (RuntimeException | LinkageError ex) {
			return ex;
		}
	}

	private static void trialBind(TransportCandidate candidate, EventLoopGroup group, Duration timeout) throws Exception {
		ChannelFactory<ServerSocketChannel> channels = () -> candidate.newChannel(ServerSocketChannel.class);
		ServerBootstrap bootstrap = new ServerBootstrap().group(group)
			.channelFactory(channels)
			.childHandler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
				}

			});
		ChannelFuture bound = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		if (!bound.awaitUninterruptibly(timeout.toMillis())) {
			bound.cancel(false);
			throw new IllegalStateException("trial bind did not complete within " + timeout);
		}
		if (!bound.isSuccess()) {
			Throwable cause = bound.cause();
			throw (cause instanceof Exception exception) ? exception : new IllegalStateException(cause);
		}
		bound.channel().close().awaitUninterruptibly();
	}

	static long micros(long startNanos) {
		return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
	}

}
