package io.zokio.autoconfigure;

import io.netty.handler.codec.quic.QuicStreamChannel;
import io.zokio.engine.http3.Http3Server;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Advertises HTTP/3 on every HTTP/1.1 and HTTP/2 response with the {@code Alt-Svc} field, from
 * the moment the HTTP/3 server serves and never before or after.
 */
final class AltSvcDecorator implements HttpHandlerDecoratorFactory {

	private static final String ALT_SVC = "Alt-Svc";

	private final Http3Server server;

	AltSvcDecorator(Http3Server server) {
		this.server = server;
	}

	@Override
	public HttpHandler apply(HttpHandler handler) {
		return (request, response) -> {
			String altSvc = this.server.altSvc();
			if (altSvc != null && !isHttp3(request)) {
				response.getHeaders().set(ALT_SVC, altSvc);
			}
			return handler.handle(request, response);
		};
	}

	private static boolean isHttp3(ServerHttpRequest request) {
		return ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection
				&& connection.channel() instanceof QuicStreamChannel;
	}

}
