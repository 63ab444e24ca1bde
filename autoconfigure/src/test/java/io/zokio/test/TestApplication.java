package io.zokio.test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
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
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application for tests: {@code /plaintext}, {@code /remote} (the client's address as the
 * application sees it), {@code /thread} (the serving thread's name),
 * {@code /delay?ms=}, {@code /status?code=} (an empty answer with that status), {@code /gate} (answers once the test opens the gate),
 * {@code /load-classes?ms=} (loads classes on the event loop for that long), {@code /bytes?size=} and
 * {@code /echo}, {@code /size} (the request body's size, once all of it is read), {@code /allocator} (the identity of the allocator WebFlux writes through) and
 * {@code /hold?mb=} (takes direct memory from the server's allocator until {@link #releaseHeld()}), and
 * the Actuator endpoint {@code servingthread}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TestApplication {

	private static final byte[] CHUNK = new byte[64 * 1024];

	private static final List<Class<?>> NETTY_JARS = List.of(AttributeKey.class, ByteBuf.class, Channel.class,
			ByteToMessageDecoder.class, HttpObjectDecoder.class, Http2FrameCodec.class, SslHandler.class);

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
			.GET("/events", (request) -> {
				int count = Integer.parseInt(request.queryParam("count").orElse("3"));
				Duration every = Duration.ofMillis(Long.parseLong(request.queryParam("ms").orElse("100")));
				return ServerResponse.ok()
					.contentType(MediaType.TEXT_EVENT_STREAM)
					.body(Flux.interval(every).take(count).map((i) -> ServerSentEvent.builder("event " + i).build()),
							ServerSentEvent.class);
			})
			.GET("/status",
					(request) -> ServerResponse.status(Integer.parseInt(request.queryParam("code").orElse("200"))).build())
			.GET("/gate", (request) -> Mono.fromFuture(gate).then(ServerResponse.ok().bodyValue("opened")))
			.GET("/block", (request) -> {
				blockTheEventLoopUntilTheGateOpens();
				return ServerResponse.ok().bodyValue("unblocked");
			})
			.GET("/load-classes", (request) -> {
				int loaded = loadClassesOnTheEventLoop(Long.parseLong(request.queryParam("ms").orElse("100")));
				return ServerResponse.ok().bodyValue(String.valueOf(loaded));
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
	 * What a cold JVM does on an event loop through its first requests, for the loop watchdog's
	 * tests: load classes, here Netty's, each time anew in a class loader of their own, for the given
	 * time or until all are loaded.
	 * @param millis how long to go on loading
	 * @return the classes loaded
	 */
	static int loadClassesOnTheEventLoop(long millis) {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		Set<URL> jars = new LinkedHashSet<>();
		for (Class<?> anchor : NETTY_JARS) {
			jars.add(anchor.getProtectionDomain().getCodeSource().getLocation());
		}
		List<String> names = new ArrayList<>();
		try {
			for (URL location : jars) {
				try (JarFile jar = new JarFile(Path.of(location.toURI()).toFile())) {
					jar.stream()
						.map(JarEntry::getName)
						.filter((name) -> name.endsWith(".class") && !name.contains("-"))
						.forEach((name) -> names.add(name.substring(0, name.length() - 6).replace('/', '.')));
				}
			}
			int loaded = 0;
			try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
				for (String name : names) {
					if (System.nanoTime() >= end) {
						break;
					}
					try {
						Class.forName(name, false, loader);
						loaded++;
					}
					catch (ClassNotFoundException | LinkageError ex) {
						// a class whose optional dependency is absent
					}
				}
			}
			return loaded;
		}
		catch (IOException | URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a WebFlux handler must never do, for the loop watchdog's tests: wait on the event loop.
	 */
	static void blockTheEventLoopUntilTheGateOpens() {
		gate.join();
	}

}
