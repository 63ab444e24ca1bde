package io.zokio.sample;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

/**
 * The sample endpoints: {@code /plaintext}, {@code /json}, {@code /echo}, {@code /delay},
 * {@code /pool} (holds one of eight permits for {@code ms} milliseconds, 2 by default, waiting its
 * turn as for a database connection), {@code /bytes} and {@code /remote} (the client's address as the application sees it, from the
 * PROXY protocol header behind a load balancer with {@code zokio.proxy-protocol.mode}).
 */
@Configuration(proxyBeanMethods = false)
class SampleRoutes {

	static final int MAX_DELAY_MILLIS = 60_000;

	static final int MAX_BYTES = 64 * 1024 * 1024;

	private static final int CHUNK_SIZE = 64 * 1024;

	private static final byte[] CHUNK = new byte[CHUNK_SIZE];

	private static final byte[] HELLO = "Hello, World!".getBytes();

	/**
	 * Permits of the {@code /pool} route: what a database pool of eight connections allows.
	 */
	static final int POOL_SIZE = 8;

	private final ConnectionPool pool = new ConnectionPool(POOL_SIZE);

	@Bean
	RouterFunction<ServerResponse> sampleRouterFunction() {
		return RouterFunctions.route()
			.GET("/plaintext", this::plaintext)
			.GET("/json", (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("message", "Hello, World!")))
			.POST("/echo", this::echo)
			.GET("/delay", this::delay)
			.GET("/pool", this::pool)
			.GET("/bytes", this::bytes)
			.GET("/remote", this::remote)
			.build();
	}

	private Mono<ServerResponse> plaintext(ServerRequest request) {
		return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(HELLO);
	}

	private Mono<ServerResponse> remote(ServerRequest request) {
		String address = request.remoteAddress()
			.map((remote) -> remote.getHostString() + ":" + remote.getPort())
			.orElse("unknown");
		return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(address);
	}

	private Mono<ServerResponse> echo(ServerRequest request) {
		MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ServerResponse.ok().contentType(contentType).body(request.bodyToFlux(DataBuffer.class), DataBuffer.class);
	}

	private Mono<ServerResponse> delay(ServerRequest request) {
		int millis = intParam(request, "ms", 0, MAX_DELAY_MILLIS);
		return Mono.delay(Duration.ofMillis(millis))
			.then(ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("delayed " + millis + " ms"));
	}

	private Mono<ServerResponse> pool(ServerRequest request) {
		int millis = intParam(request, "ms", 2, MAX_DELAY_MILLIS);
		return Mono.usingWhen(this.pool.acquire(),
				(permit) -> Mono.delay(Duration.ofMillis(millis))
					.then(ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(HELLO)),
				(permit) -> Mono.fromRunnable(permit::release));
	}

	private Mono<ServerResponse> bytes(ServerRequest request) {
		int size = intParam(request, "size", 0, MAX_BYTES);
		DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> body = Flux.range(0, (size + CHUNK_SIZE - 1) / CHUNK_SIZE).map((chunk) -> {
			int length = Math.min(CHUNK_SIZE, size - chunk * CHUNK_SIZE);
			return buffers.wrap(ByteBuffer.wrap(CHUNK, 0, length));
		});
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.contentLength(size)
			.body(body, DataBuffer.class);
	}

	private static int intParam(ServerRequest request, String name, int defaultValue, int max) {
		int value = request.queryParam(name).map(SampleRoutes::parseOrNegative).orElse(defaultValue);
		if (value < 0 || value > max) {
			throw new ServerWebInputException(name + " must be a number from 0 to " + max);
		}
		return value;
	}

	private static int parseOrNegative(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
