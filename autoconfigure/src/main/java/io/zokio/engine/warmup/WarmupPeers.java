package io.zokio.engine.warmup;

import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The client addresses of the warm-up's connections, each added after the client socket is bound
 * and before it connects, so that the server knows a warm-up connection from the moment it accepts
 * it.
 */
public final class WarmupPeers {

	private final Set<SocketAddress> peers = ConcurrentHashMap.newKeySet();

	void add(SocketAddress peer) {
		this.peers.add(peer);
	}

	void clear() {
		this.peers.clear();
	}

	/**
	 * Return whether a server connection is one of the warm-up's.
	 * @param channel the server's side of the connection
	 * @return whether its peer is a warm-up client
	 */
	public boolean isWarmup(Channel channel) {
		return isWarmup(channel.remoteAddress());
	}

	/**
	 * Return whether a peer address is a warm-up client's.
	 * @param peer the peer address, {@code null} when unknown
	 * @return whether it is a warm-up client's
	 */
	public boolean isWarmup(@Nullable SocketAddress peer) {
		return peer != null && !this.peers.isEmpty() && this.peers.contains(peer);
	}

}
