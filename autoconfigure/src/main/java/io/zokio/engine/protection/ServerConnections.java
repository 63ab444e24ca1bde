package io.zokio.engine.protection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The live connections of one server: counted against the connection limit, and reachable at
 * shutdown so that those waiting for a request can be closed at once.
 */
public final class ServerConnections {

	static final AttributeKey<ConnectionProtection> GUARD = AttributeKey.valueOf(ServerConnections.class, "guard");

	private final int maxConnections;

	private final AtomicInteger open = new AtomicInteger();

	private final ChannelGroup live = new DefaultChannelGroup("zokio-connections", GlobalEventExecutor.INSTANCE);

	private final LongAdder acceptFailures = new LongAdder();

	private volatile boolean shuttingDown;

	private volatile boolean draining;

	private final Map<EventLoop, DeadlineSweeper> sweepers = new ConcurrentHashMap<>();

	private final ProxyProtocolPolicy proxyProtocol;

	/**
	 * Create the connections of a server with the given limit.
	 * @param maxConnections the most connections open at once, or {@code -1} for no limit
	 */
	public ServerConnections(int maxConnections) {
		this(maxConnections, ProxyProtocolPolicy.OFF);
	}

	/**
	 * Create the connections of a server with the given limit, which take PROXY protocol headers
	 * as the given policy says.
	 * @param maxConnections the most connections open at once, or {@code -1} for no limit
	 * @param proxyProtocol whose PROXY protocol headers are taken
	 */
	public ServerConnections(int maxConnections, ProxyProtocolPolicy proxyProtocol) {
		this.maxConnections = maxConnections;
		this.proxyProtocol = proxyProtocol;
	}

	/**
	 * Return whose PROXY protocol headers the connections take.
	 * @return the policy
	 */
	public ProxyProtocolPolicy proxyProtocol() {
		return this.proxyProtocol;
	}

	/**
	 * Return whether the server is shutting down.
	 * @return whether shutdown has begun
	 */
	public boolean isShuttingDown() {
		return this.shuttingDown;
	}

	/**
	 * Return whether the server is draining: it still serves, but has told load balancers and
	 * probes that it refuses traffic, until its shutdown begins.
	 * @return whether the drain has begun
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Begin the drain that comes before shutdown: nothing changes for connections, only
	 * {@link #isDraining()}.
	 */
	public void drain() {
		this.draining = true;
	}

	/**
	 * Return the connection limit.
	 * @return the limit, or {@code -1} for none
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * Return whether the server holds as many connections as its limit allows, so that the next one
	 * would be refused.
	 * @return whether the limit is reached
	 */
	public boolean isAtLimit() {
		return this.maxConnections > 0 && this.open.get() >= this.maxConnections;
	}

	/**
	 * Return how often accepting a connection has failed, as when file descriptors ran out.
	 * @return the failed accepts
	 */
	public long acceptFailures() {
		return this.acceptFailures.sum();
	}

	void acceptFailed() {
		this.acceptFailures.increment();
	}

	/**
	 * Begin shutdown: new connections are refused, HTTP/1.1 connections waiting for a request are
	 * closed at once, and those with a request in flight are closed when its response is written,
	 * which carries {@code Connection: close} if it has not started yet. HTTP/2 connections are left
	 * to Reactor Netty's graceful shutdown ({@code GOAWAY}, then a close once their streams end) and
	 * counted as shut down.
	 */
	public void shutdown() {
		this.shuttingDown = true;
		for (Channel channel : this.live) {
			ConnectionProtection guard = channel.attr(GUARD).get();
			if (guard != null) {
				channel.eventLoop().execute(guard::shutdown);
			}
		}
	}

	void guard(Channel channel, ConnectionProtection guard, long tickNanos) {
		EventLoop loop = channel.eventLoop();
		DeadlineSweeper sweeper = this.sweepers.computeIfAbsent(loop, (key) -> new DeadlineSweeper(key, tickNanos));
		channel.attr(GUARD).set(guard);
		sweeper.add(guard);
		channel.closeFuture().addListener((future) -> sweeper.remove(guard));
	}

	boolean tryOpen(Channel channel) {
		if (this.shuttingDown) {
			return false;
		}
		int count = this.open.incrementAndGet();
		if (this.maxConnections > 0 && count > this.maxConnections) {
			this.open.decrementAndGet();
			return false;
		}
		this.live.add(channel);
		channel.closeFuture().addListener((future) -> this.open.decrementAndGet());
		return true;
	}

}
