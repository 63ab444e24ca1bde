package io.zokio.engine.protection;

import io.netty.channel.Channel;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Seat;

/**
 * Takes part in every connection of a server to apply its limits: refuses a connection over the
 * connection limit or during shutdown, and guards each admitted one.
 */
public final class ProtectionParticipant implements ConnectionParticipant {

	private final ServerConnections connections;

	private final ConnectionLimits limits;

	private final ProtectionSettings settings;

	private final long tickNanos;

	/**
	 * Create a participant applying the given limits.
	 * @param limits the limits
	 * @param connections the server's live connections
	 */
	public ProtectionParticipant(ConnectionLimits limits, ServerConnections connections) {
		this(limits, connections, false);
	}

	/**
	 * Create a participant applying the given limits on a server whose connections may start with
	 * a PROXY protocol header: the header and the first request head must then arrive within the
	 * request header timeout from the connection's start.
	 * @param limits the limits
	 * @param connections the server's live connections
	 * @param proxyHeaderFirst whether a PROXY protocol header may come first
	 */
	public ProtectionParticipant(ConnectionLimits limits, ServerConnections connections, boolean proxyHeaderFirst) {
		this.connections = connections;
		this.limits = limits;
		this.settings = ProtectionSettings.of(limits, proxyHeaderFirst);
		this.tickNanos = DeadlineSweeper.tickNanos(limits);
	}

	/**
	 * Return the limits this participant applies.
	 * @return the limits
	 */
	public ConnectionLimits limits() {
		return this.limits;
	}

	@Override
	public boolean admit(Channel channel) {
		return this.connections.tryOpen(channel);
	}

	@Override
	public ConnectionListener open(Channel channel, Seat seat) {
		ConnectionProtection guard = new ConnectionProtection(channel, seat, this.settings, this.connections);
		this.connections.guard(channel, guard, this.tickNanos);
		return guard;
	}

}
