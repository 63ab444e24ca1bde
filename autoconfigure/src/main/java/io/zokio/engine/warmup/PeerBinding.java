package io.zokio.engine.warmup;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * First in a warm-up client connection's pipeline: binds the socket before it connects and records
 * its address among the {@link WarmupPeers}, so that the server knows the connection when it
 * accepts it; then, when the server takes only PROXY protocol connections, sends a version 1 header
 * that names the connection's own addresses.
 */
final class PeerBinding extends ChannelDuplexHandler {

	private final WarmupPeers peers;

	private final boolean proxyProtocol;

	PeerBinding(WarmupPeers peers, boolean proxyProtocol) {
		this.peers = peers;
		this.proxyProtocol = proxyProtocol;
	}

	@Override
	public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, @Nullable SocketAddress localAddress,
			ChannelPromise promise) {
		SocketAddress local = (localAddress != null) ? localAddress
				: new InetSocketAddress(((InetSocketAddress) remoteAddress).getAddress(), 0);
		ctx.bind(local).addListener((bound) -> {
			if (!bound.isSuccess()) {
				promise.setFailure(bound.cause());
				return;
			}
			this.peers.add(ctx.channel().localAddress());
			ctx.connect(remoteAddress, null, promise);
		});
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.proxyProtocol) {
			ctx.writeAndFlush(header(ctx));
		}
		ctx.fireChannelActive();
	}

	private static ByteBuf header(ChannelHandlerContext ctx) {
		InetSocketAddress source = (InetSocketAddress) ctx.channel().localAddress();
		InetSocketAddress destination = (InetSocketAddress) ctx.channel().remoteAddress();
		String family = (source.getAddress() instanceof Inet6Address) ? "TCP6" : "TCP4";
		String header = "PROXY " + family + " " + source.getAddress().getHostAddress() + " "
				+ destination.getAddress().getHostAddress() + " " + source.getPort() + " " + destination.getPort()
				+ "\r\n";
		ByteBuf bytes = ctx.alloc().buffer(header.length());
		bytes.writeCharSequence(header, StandardCharsets.US_ASCII);
		return bytes;
	}

}
