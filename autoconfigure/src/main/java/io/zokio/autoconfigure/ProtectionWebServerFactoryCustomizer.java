package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.protection.AcceptProtection;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.pipeline.ZokioPipeline;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.ProxyProtocolSupportType;
import reactor.netty.http.server.HttpServer;

/**
 * Applies Zokio's idle timeout when {@code server.netty.idle-timeout} is not set, a request line
 * limit of {@value #MIN_REQUEST_LINE_LENGTH} octets when {@code server.netty.max-initial-line-length}
 * is not set, the PROXY protocol, the HTTP/2 limits the server advertises, and the {@link AcceptProtection} of its listening
 * channel, to the application's server only.
 */
public final class ProtectionWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	/**
	 * The shortest request line the server accepts by default: RFC 9112 section 3 recommends at
	 * least 8,000 octets, Reactor Netty's and Boot's default is 4,096.
	 */
	public static final int MIN_REQUEST_LINE_LENGTH = 8192;

	private final @Nullable Duration defaultIdleTimeout;

	private final ZokioProperties.Http2 http2;

	private final ZokioProperties.ProxyProtocol.Mode proxyProtocol;

	private final ServerConnections serverConnections;

	private final boolean defaultRequestLine;

	/**
	 * Create a customizer applying the given settings.
	 * @param defaultIdleTimeout the idle timeout to apply, or {@code null} when Boot's
	 * {@code server.netty.idle-timeout} applies
	 * @param http2 the HTTP/2 limits
	 * @param proxyProtocol whether connections start with a PROXY protocol header
	 * @param serverConnections the server's connections, which count failed accepts
	 * @param defaultRequestLine whether {@code server.netty.max-initial-line-length} is unset, so
	 * that the request line limit is raised to {@value #MIN_REQUEST_LINE_LENGTH} octets
	 */
	public ProtectionWebServerFactoryCustomizer(@Nullable Duration defaultIdleTimeout, ZokioProperties.Http2 http2,
			ZokioProperties.ProxyProtocol.Mode proxyProtocol, ServerConnections serverConnections,
			boolean defaultRequestLine) {
		this.defaultIdleTimeout = defaultIdleTimeout;
		this.http2 = http2;
		this.proxyProtocol = proxyProtocol;
		this.serverConnections = serverConnections;
		this.defaultRequestLine = defaultRequestLine;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		if (this.defaultIdleTimeout != null && !this.defaultIdleTimeout.isZero()) {
			Duration idleTimeout = this.defaultIdleTimeout;
			factory.addServerCustomizers((server) -> server.idleTimeout(idleTimeout));
		}
		long maxStreams = this.http2.getMaxConcurrentStreams();
		long maxHeaderListSize = this.http2.getMaxHeaderListSize().toBytes();
		factory.addServerCustomizers((server) -> server
			.http2Settings((settings) -> settings.maxConcurrentStreams(maxStreams).maxHeaderListSize(maxHeaderListSize)));
		if (this.proxyProtocol != ZokioProperties.ProxyProtocol.Mode.OFF) {
			ProxyProtocolSupportType type = (this.proxyProtocol == ZokioProperties.ProxyProtocol.Mode.ON)
					? ProxyProtocolSupportType.ON : ProxyProtocolSupportType.AUTO;
			factory.addServerCustomizers((server) -> server.proxyProtocol(type));
		}
		if (this.defaultRequestLine) {
			factory.addServerCustomizers(ProtectionWebServerFactoryCustomizer::raiseRequestLineLimit);
		}
		factory.addServerCustomizers((server) -> server.doOnBound((bound) -> bound.channel()
			.pipeline()
			.addFirst(ZokioPipeline.ACCEPT_HANDLER, new AcceptProtection(this.serverConnections))));
	}

	/**
	 * Raise the request line limit of the server's decoder to what RFC 9112 section 3 recommends,
	 * keeping every other setting of the decoder as Boot configured it.
	 */
	@SuppressWarnings("deprecation")
	private static HttpServer raiseRequestLineLimit(HttpServer server) {
		HttpRequestDecoderSpec current = server.configuration().decoder();
		if (current.maxInitialLineLength() >= MIN_REQUEST_LINE_LENGTH) {
			return server;
		}
		return server.httpRequestDecoder((spec) -> spec.maxInitialLineLength(MIN_REQUEST_LINE_LENGTH)
			.maxHeaderSize(current.maxHeaderSize())
			.maxChunkSize(current.maxChunkSize())
			.validateHeaders(current.validateHeaders())
			.initialBufferSize(current.initialBufferSize())
			.allowDuplicateContentLengths(current.allowDuplicateContentLengths())
			.h2cMaxContentLength(current.h2cMaxContentLength())
			.allowPartialChunks(current.allowPartialChunks()));
	}

}
