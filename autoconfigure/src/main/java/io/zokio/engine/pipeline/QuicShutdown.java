package io.zokio.engine.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;

/**
 * The graceful shutdown of an HTTP/3 connection, whose connection seat knows its streams.
 */
public final class QuicShutdown {

	private QuicShutdown() {
	}

	/**
	 * Send the connection a GOAWAY naming the last request it will process, and close it with
	 * H3_NO_ERROR once its streams in flight have ended; a connection without Zokio's seat is
	 * closed at once. Counted as closed by {@code shutdown}.
	 * @param connection the QUIC connection
	 * @return the connection's close future
	 */
	public static ChannelFuture goAway(Channel connection) {
		connection.eventLoop().execute(() -> {
			ChannelHandler seat = connection.pipeline().get(ZokioPipeline.CONNECTION_HANDLER);
			if (seat instanceof QuicConnectionHandler handler) {
				handler.goAway();
			}
			else {
				connection.close();
			}
		});
		return connection.closeFuture();
	}

}
