package io.zokio.engine.protection;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits first in the listening channel's pipeline and backs off accepting while accepting fails,
 * as when the process is out of file descriptors ({@code EMFILE}): accepting stops for a pause
 * that doubles from {@link #FIRST_PAUSE_NANOS} to {@link #MAX_PAUSE_NANOS} while failures go on,
 * and resets at the next accepted connection (Go's {@code net/http} server does the same). Every
 * failure is counted; one WARN marks the beginning of an episode and one INFO its end, at most one
 * of each a minute (an episode that ends with one accept and starts again at once is the same one).
 * <p>
 * The pause clears auto-read, which cancels an io_uring accept already submitted, and also drops
 * any read asked for meanwhile (setting auto-read again at the end asks for one): io_uring asks
 * for the next accept before the failure reaches any handler, and without both, it retries at
 * once and spins a core for as long as the descriptors stay exhausted. Reactor Netty's own
 * acceptor pauses a fixed second; it is not told of the failures this guard takes.
 */
public final class AcceptProtection extends ChannelDuplexHandler {

	static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * The least time between two warnings: an episode that ends with one accept and starts again
	 * at once is the same exhaustion, counted but not written again.
	 */
	static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final Logger logger = LoggerFactory.getLogger(AcceptProtection.class);

	private final ServerConnections connections;

	private long pauseNanos;

	private long failuresInEpisode;

	private boolean paused;

	private boolean warned;

	private long lastWarningNanos = System.nanoTime() - WARNING_INTERVAL_NANOS;

	/**
	 * Create a guard counting into the given server connections.
	 * @param connections the server's connections
	 */
	public AcceptProtection(ServerConnections connections) {
		this.connections = connections;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.failuresInEpisode > 0) {
			if (this.warned) {
				logger.info("Zokio: accepting connections again after {} failed attempts", this.failuresInEpisode);
			}
			this.failuresInEpisode = 0;
			this.warned = false;
		}
		this.pauseNanos = 0;
		ctx.fireChannelRead(msg);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!(cause instanceof IOException)) {
			ctx.fireExceptionCaught(cause);
			return;
		}
		this.connections.acceptFailed();
		long now = System.nanoTime();
		if (this.failuresInEpisode++ == 0 && now - this.lastWarningNanos >= WARNING_INTERVAL_NANOS) {
			this.warned = true;
			this.lastWarningNanos = now;
			logger.warn("Zokio: accepting a connection failed ({}); backing off, from {} ms up to {} ms at a time, "
					+ "until a connection is accepted", cause.getMessage(),
					TimeUnit.NANOSECONDS.toMillis(FIRST_PAUSE_NANOS), TimeUnit.NANOSECONDS.toMillis(MAX_PAUSE_NANOS));
		}
		this.pauseNanos = (this.pauseNanos == 0) ? FIRST_PAUSE_NANOS : Math.min(this.pauseNanos * 2, MAX_PAUSE_NANOS);
		if (!this.paused) {
			this.paused = true;
			ctx.channel().config().setAutoRead(false);
			ctx.executor().schedule(() -> resume(ctx), this.pauseNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void read(ChannelHandlerContext ctx) {
		if (!this.paused) {
			ctx.read();
		}
	}

	private void resume(ChannelHandlerContext ctx) {
		this.paused = false;
		if (ctx.channel().isOpen()) {
			ctx.channel().config().setAutoRead(true);
		}
	}

}
