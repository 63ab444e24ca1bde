package io.zokio.engine.pipeline;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.quic.QuicChannel;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Places Zokio's two seats in every connection of a server, whatever layout Reactor Netty chose,
 * and in every HTTP/2 and HTTP/3 stream: install it with {@code HttpServer.doOnChannelInit(configurer)}
 * and {@code childObserve(configurer)}; on an HTTP/3 server, where each QUIC connection is initialised
 * as a channel of its own, {@code doOnChannelInit(configurer)} is enough.
 */
public final class ZokioPipelineConfigurer implements ChannelPipelineConfigurer, ConnectionObserver {

	private static final String[] BYTE_HANDLERS = { NettyPipeline.ProxyProtocolDecoder,
			NettyPipeline.ProxyProtocolReader, NettyPipeline.NonSslRedirectDetector, NettyPipeline.SslHandler };

	private final List<ConnectionParticipant> participants;

	private final BooleanSupplier readsAwaitWrites;

	/**
	 * Create a configurer for the given participants.
	 * @param participants the participants, in the order their listeners are called
	 */
	public ZokioPipelineConfigurer(List<ConnectionParticipant> participants) {
		this(participants, () -> false);
	}

	/**
	 * Create a configurer for the given participants.
	 * @param participants the participants, in the order their listeners are called
	 * @param readsAwaitWrites whether a new connection reads only once its last write is done,
	 * asked as it opens: true where reads go into io_uring's read buffer ring
	 */
	public ZokioPipelineConfigurer(List<ConnectionParticipant> participants, BooleanSupplier readsAwaitWrites) {
		this.participants = List.copyOf(participants);
		this.readsAwaitWrites = readsAwaitWrites;
	}

	@Override
	public void onChannelInit(ConnectionObserver observer, Channel channel, @Nullable SocketAddress remoteAddress) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(ZokioPipeline.CONNECTION_HANDLER) != null || channel instanceof Http2StreamChannel) {
			return;
		}
		boolean admitted = true;
		List<ConnectionParticipant> admitting = new ArrayList<>(this.participants.size());
		for (ConnectionParticipant participant : this.participants) {
			if (participant.admit(channel)) {
				admitting.add(participant);
			}
			else {
				admitted = false;
			}
		}
		List<ConnectionListener> listeners = new ArrayList<>(admitting.size());
		Seat seat = new ChannelSeat(channel);
		for (ConnectionParticipant participant : admitting) {
			listeners.add(participant.open(channel, seat));
		}
		ConnectionListener listener = CompositeConnectionListener.of(listeners);
		if (channel instanceof QuicChannel) {
			seatQuic(pipeline, listener, admitted);
			return;
		}
		if (!admitted) {
			CloseReasons.mark(channel, CloseReason.REJECTED);
			channel.config().setAutoRead(false);
			pipeline.addFirst(ZokioPipeline.CONNECTION_HANDLER, ConnectionHandler.refusing(listener));
			channel.eventLoop().execute(channel::close);
			return;
		}
		ConnectionHandler handler = new ConnectionHandler(listener, this.readsAwaitWrites.getAsBoolean());
		String anchor = lastByteHandler(pipeline);
		if (anchor != null) {
			pipeline.addAfter(anchor, ZokioPipeline.CONNECTION_HANDLER, handler);
		}
		else {
			pipeline.addFirst(ZokioPipeline.CONNECTION_HANDLER, handler);
		}
	}

	private static void seatQuic(ChannelPipeline pipeline, ConnectionListener listener, boolean admitted) {
		QuicConnectionHandler handler = new QuicConnectionHandler(listener, !admitted);
		if (pipeline.get(NettyPipeline.HttpCodec) != null) {
			pipeline.addAfter(NettyPipeline.HttpCodec, ZokioPipeline.CONNECTION_HANDLER, handler);
		}
		else {
			pipeline.addLast(ZokioPipeline.CONNECTION_HANDLER, handler);
		}
	}

	private static @Nullable String lastByteHandler(ChannelPipeline pipeline) {
		String last = null;
		for (String name : BYTE_HANDLERS) {
			if (pipeline.get(name) != null) {
				last = name;
			}
		}
		return last;
	}

	@Override
	public void onStateChange(Connection connection, State newState) {
		if (newState != State.CONNECTED || !(connection.channel() instanceof Http2StreamChannel stream)) {
			return;
		}
		Channel parent = stream.parent();
		ChannelHandler owner = (parent != null) ? parent.pipeline().get(ZokioPipeline.CONNECTION_HANDLER) : null;
		ChannelPipeline pipeline = stream.pipeline();
		if (!(owner instanceof ConnectionHandler handler) || pipeline.get(NettyPipeline.H2ToHttp11Codec) == null
				|| pipeline.get(ZokioPipeline.EXCHANGE_HANDLER) != null) {
			return;
		}
		pipeline.addAfter(NettyPipeline.H2ToHttp11Codec, ZokioPipeline.EXCHANGE_HANDLER, handler.streamHandler());
	}

}
