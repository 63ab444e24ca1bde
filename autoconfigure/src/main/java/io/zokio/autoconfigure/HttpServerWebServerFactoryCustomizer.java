package io.zokio.autoconfigure;

import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.ProxyProtocolSupportType;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Applies Zokio's settings of the application's {@link HttpServer}, each where Boot's own property
 * leaves it free: a request line limit of {@value #MIN_REQUEST_LINE_LENGTH} octets when
 * {@code server.netty.max-initial-line-length} is not set, the HTTP/2 settings the server
 * advertises, and the PROXY protocol. The idle timeout is not among them: Zokio's guard enforces it
 * from its deadline sweeper, where Reactor Netty's would add and remove a handler on every request.
 */
public final class HttpServerWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	/**
	 * The shortest request line the server accepts by default: RFC 9112 section 3 recommends at
	 * least 8,000 octets, Reactor Netty's and Boot's default is 4,096.
	 */
	public static final int MIN_REQUEST_LINE_LENGTH = 8192;

	private final ZokioProperties properties;

	private final boolean bootRequestLine;

	/**
	 * Create a customizer applying the given settings.
	 * @param properties Zokio's properties
	 * @param bootRequestLine whether {@code server.netty.max-initial-line-length} is set
	 */
	public HttpServerWebServerFactoryCustomizer(ZokioProperties properties, boolean bootRequestLine) {
		this.properties = properties;
		this.bootRequestLine = bootRequestLine;
	}

	/**
	 * Return the initial line limit the server's decoder applies once this customizer has run:
	 * Boot's when {@code server.netty.max-initial-line-length} is set, else
	 * {@value #MIN_REQUEST_LINE_LENGTH}.
	 * @param bootRequestLine whether {@code server.netty.max-initial-line-length} is set
	 * @param nettyServerProperties Boot's Netty server properties
	 * @return the limit in bytes
	 */
	static int requestLineLength(boolean bootRequestLine, NettyServerProperties nettyServerProperties) {
		return bootRequestLine ? (int) nettyServerProperties.getMaxInitialLineLength().toBytes()
				: MIN_REQUEST_LINE_LENGTH;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		PropertyMapper map = PropertyMapper.get();
		map.from(this.bootRequestLine).whenFalse().toCall(() -> customizeRequestLine(factory));
		map.from(this.properties::getHttp2).to((http2) -> customizeHttp2Settings(factory, http2));
		map.from(this.properties.getProxyProtocol()::getMode)
			.whenNot(ZokioProperties.ProxyProtocol.Mode.OFF::equals)
			.to((mode) -> customizeProxyProtocol(factory, mode));
	}

	/**
	 * Raise the request line limit of the server's decoder to what RFC 9112 section 3 recommends,
	 * keeping every other setting of the decoder as Boot configured it.
	 */
	@SuppressWarnings("deprecation")
	private void customizeRequestLine(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((server) -> {
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
		});
	}

	private void customizeHttp2Settings(NettyReactiveWebServerFactory factory, ZokioProperties.Http2 http2) {
		long maxStreams = http2.getMaxConcurrentStreams();
		long maxHeaderListSize = http2.getMaxHeaderListSize().toBytes();
		factory.addServerCustomizers((server) -> server
			.http2Settings((settings) -> settings.maxConcurrentStreams(maxStreams).maxHeaderListSize(maxHeaderListSize)));
	}

	private void customizeProxyProtocol(NettyReactiveWebServerFactory factory, ZokioProperties.ProxyProtocol.Mode mode) {
		ProxyProtocolSupportType type = (mode == ZokioProperties.ProxyProtocol.Mode.ON) ? ProxyProtocolSupportType.ON
				: ProxyProtocolSupportType.AUTO;
		factory.addServerCustomizers((server) -> server.proxyProtocol(type));
	}

}
