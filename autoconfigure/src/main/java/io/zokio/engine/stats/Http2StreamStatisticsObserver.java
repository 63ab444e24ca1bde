package io.zokio.engine.stats;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2StreamChannel;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerState;

/**
 * Counts the streams of HTTP/2 connections (h2c): Reactor Netty gives each stream a channel of its
 * own, which the connection's pipeline never sees, so each stream's request is followed from the
 * moment Reactor Netty reports it received.
 */
public final class Http2StreamStatisticsObserver implements ConnectionObserver {

	private static final String STREAM_CODEC = NettyPipeline.H2ToHttp11Codec;

	@Override
	public void onStateChange(Connection connection, State newState) {
		if (newState != HttpServerState.REQUEST_RECEIVED
				|| !(connection.channel() instanceof Http2StreamChannel stream)) {
			return;
		}
		Channel parent = stream.parent();
		ConnectionTracker tracker = (parent != null) ? parent.attr(StatisticsPipelineConfigurer.TRACKER).get() : null;
		ChannelPipeline pipeline = stream.pipeline();
		if (tracker == null || pipeline.get(STREAM_CODEC) == null
				|| pipeline.get(Http2StreamStatisticsHandler.NAME) != null) {
			return;
		}
		pipeline.addAfter(STREAM_CODEC, Http2StreamStatisticsHandler.NAME, new Http2StreamStatisticsHandler(tracker));
	}

}
