package io.zokio.test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application for tests: {@code /plaintext}, {@code /remote} (the client's address as the
 * application sees it), {@code /thread} (the serving thread's name),
 * {@code /delay?ms=}, {@code /status?code=} (an empty answer with that status), {@code /gate} (answers once the test opens the gate), {@code /bytes?size=} and
 * {@code /echo}, {@code /size} (the request body's size, once all of it is read), {@code /allocator} (the identity of the allocator WebFlux writes through) and
 * {@code /hold?mb=} (takes direct memory from the server's allocator until {@link #releaseHeld()}), and
 * the Actuator endpoint {@code servingthread}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TestApplication {

	private static final byte[] CHUNK = new byte[64 * 1024];

	private static volatile CompletableFuture<Void> gate = new CompletableFuture<>();

	private static final List<ByteBuf> held = new ArrayList<>();

	/**
	 * Close the gate: later {@code /gate} requests wait until {@link #openGate()}.
	 */
	public static void closeGate() {
		gate = new CompletableFuture<>();
	}

	/**
	 * Open the gate: every waiting {@code /gate} request is answered. The gate opens on a thread
	 * of its own that ends at once: the answers are allocated on the thread that opens it, and a
	 * thread that lives on (the test's) would keep a cache of each server's pool in a thread-local,
	 * and with it the whole pool, long after the server closed.
	 */
	public static void openGate() {
		Thread opener = new Thread(() -> gate.complete(null), "gate-opener");
		opener.start();
		try {
			opener.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Release every buffer {@code /hold} took.
	 */
	public static void releaseHeld() {
		synchronized (held) {
			held.forEach(ByteBuf::release);
			held.clear();
		}
	}

	private static int hold(ByteBufAllocator allocator, int megabytes) {
		int taken = 0;
		try {
			for (; taken < megabytes; taken++) {
				ByteBuf buffer = allocator.directBuffer(1024 * 1024);
				synchronized (held) {
					held.add(buffer);
				}
			}
		}
		catch (OutOfMemoryError ex) {
			return taken;
		}
		return taken;
	}

	@Bean
	ServingThreadEndpoint servingThreadEndpoint() {
		return new ServingThreadEndpoint();
	}

	/**
	 * {@code /actuator/servingthread}: the name of the thread that serves the endpoint's request,
	 * on whichever server Actuator runs.
	 */
	@Endpoint(id = "servingthread")
	static final class ServingThreadEndpoint {

		@ReadOperation
		Mono<String> thread() {
			return Mono.fromSupplier(() -> Thread.currentThread().getName());
		}

	}

	@Bean
	RouterFunction<ServerResponse> testRoutes() {
		return RouterFunctions.route()
			.GET("/plaintext", (request) -> ServerResponse.ok().bodyValue("Hello, World!"))
			.GET("/remote", (request) -> ServerResponse.ok()
				.bodyValue(request.remoteAddress().map((address) -> address.getHostString() + ":" + address.getPort())
					.orElse("unknown")))
			.GET("/thread",
					(request) -> ServerResponse.ok()
						.body(Mono.fromSupplier(() -> Thread.currentThread().getName()), String.class))
			.GET("/delay",
					(request) -> Mono
						.delay(Duration.ofMillis(Long.parseLong(request.queryParam("ms").orElse("0"))))
						.then(ServerResponse.ok().bodyValue("delayed")))
			.GET("/status",
					(request) -> ServerResponse.status(Integer.parseInt(request.queryParam("code").orElse("200"))).build())
			.GET("/gate", (request) -> Mono.fromFuture(gate).then(ServerResponse.ok().bodyValue("opened")))
			.GET("/block", (request) -> {
				blockTheEventLoopUntilTheGateOpens();
				return ServerResponse.ok().bodyValue("unblocked");
			})
			.GET("/bytes", (request) -> {
				int size = Integer.parseInt(request.queryParam("size").orElse("0"));
				Flux<DataBuffer> body = Flux.range(0, (size + CHUNK.length - 1) / CHUNK.length)
					.map((chunk) -> DefaultDataBufferFactory.sharedInstance
						.wrap(ByteBuffer.wrap(CHUNK, 0, Math.min(CHUNK.length, size - chunk * CHUNK.length))));
				return ServerResponse.ok().contentLength(size).body(body, DataBuffer.class);
			})
			.GET("/allocator", (request) -> {
				Object factory = request.exchange().getResponse().bufferFactory();
				Object allocator = (factory instanceof NettyDataBufferFactory netty) ? netty.getByteBufAllocator() : null;
				return ServerResponse.ok().bodyValue(String.valueOf(System.identityHashCode(allocator)));
			})
			.GET("/hold", (request) -> {
				NettyDataBufferFactory factory = (NettyDataBufferFactory) request.exchange().getResponse().bufferFactory();
				int megabytes = Integer.parseInt(request.queryParam("mb").orElse("1"));
				return ServerResponse.ok().bodyValue(String.valueOf(hold(factory.getByteBufAllocator(), megabytes)));
			})
			.GET("/pipeline", (request) -> {
				Object nativeRequest = ((AbstractServerHttpRequest) request.exchange().getRequest()).getNativeRequest();
				return ServerResponse.ok()
					.bodyValue(String.join(",", ((Connection) nativeRequest).channel().pipeline().names()));
			})
			.POST("/size", (request) -> request.bodyToFlux(DataBuffer.class)
				.map((buffer) -> {
					int size = buffer.readableByteCount();
					org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
					return size;
				})
				.reduce(0, Integer::sum)
				.flatMap((size) -> ServerResponse.ok().bodyValue(String.valueOf(size))))
			.POST("/echo", (request) -> ServerResponse.ok().body(request.bodyToFlux(DataBuffer.class), DataBuffer.class))
			.build();
	}

	/**
	 * What a WebFlux handler must never do, for the loop watchdog's tests: wait on the event loop.
	 */
	static void blockTheEventLoopUntilTheGateOpens() {
		gate.join();
	}

}
