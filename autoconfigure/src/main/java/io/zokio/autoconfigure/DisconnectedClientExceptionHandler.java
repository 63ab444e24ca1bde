package io.zokio.autoconfigure;

import java.nio.channels.ClosedChannelException;

import io.netty.handler.ssl.SslClosedEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Ends quietly an exchange whose client went away, as Spring does for the exceptions it knows
 * ({@link DisconnectedClientHelper}), including those Netty raises when a client leaves a TLS
 * connection ({@link SslClosedEngineException}) or a write finds the channel closed, which
 * WebFlux would otherwise log at ERROR as a {@code 500}. The close is counted as the client's in
 * Zokio's statistics; the exception is logged at DEBUG. Runs before Boot's error handler.
 */
final class DisconnectedClientExceptionHandler implements WebExceptionHandler, Ordered {

	/**
	 * Before Boot's {@code ErrorWebExceptionHandler}, at {@code -1}.
	 */
	static final int ORDER = -2;

	private static final Logger logger = LoggerFactory.getLogger(DisconnectedClientExceptionHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!isDisconnectedClient(ex)) {
			return Mono.error(ex);
		}
		logger.debug("Client went away during {} {}: {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex.toString());
		return Mono.empty();
	}

	static boolean isDisconnectedClient(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SslClosedEngineException || cause instanceof ClosedChannelException) {
				return true;
			}
		}
		return DisconnectedClientHelper.isClientDisconnectedException(ex);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
