package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.netty.buffer.PoolArenaMetric;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestApplication;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buffer pool under a real server on each transport: what WebFlux writes through, what is
 * reserved before the first request, what stays reserved after load, and how a server sheds and
 * recovers when direct memory runs out.
 */
@ExtendWith(OutputCaptureExtension.class)
class BufferPoolIntegrationTests {

	private static final long MB = 1024 * 1024;

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void isTheAllocatorOfEveryApplicationConnection(ServerTransport transport) throws Exception {
		try (TestServer server = transport.start()) {
			BufferPool pool = server.context().getBean(BufferPool.class);
			String expected = String.valueOf(System.identityHashCode(pool.allocator()));
			try (RawHttpConnection connection = server.connect()) {
				assertThat(connection.get("/allocator").body()).isEqualTo(expected);
			}
			long allocations = pool.pooledAllocator()
				.metric()
				.directArenas()
				.stream()
				.mapToLong(PoolArenaMetric::numAllocations)
				.sum();
			assertThat(allocations).as("allocations served by the pool").isGreaterThan(0);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void isReservedBeforeTheFirstRequestAndStaysReservedAfterLoadIdleAndGc(ServerTransport transport)
			throws Exception {
		try (TestServer server = transport.start("--zokio.buffer-pool.preallocate=16MB",
				"--zokio.transport.event-loop-threads=2")) {
			BufferPool pool = server.context().getBean(BufferPool.class);
			assertThat(pool.preallocatedBytes()).isEqualTo(16 * MB);
			assertThat(pool.usedBytes()).as("before any request").isGreaterThanOrEqualTo(16 * MB);
			assertThat(pool.pooledAllocator().metric().directArenas()).extracting(PoolArenaMetric::numActiveChunks)
				.containsExactly(2L, 2L);
			load(server);
			System.gc();
			assertThat(pool.usedBytes()).as("after load, idle and GC").isGreaterThanOrEqualTo(16 * MB);
			JsonNode section = server.getJsonOnce("/actuator/zokio/bufferPool");
			assertThat(section.get("allocator").asString()).isEqualTo("pooled");
			assertThat(section.get("direct").asBoolean()).isTrue();
			assertThat(section.get("requestedBytes").asLong()).isEqualTo(16 * MB);
			assertThat(section.get("preallocatedBytes").asLong()).isEqualTo(16 * MB);
			assertThat(section.get("usedBytes").asLong()).isGreaterThanOrEqualTo(16 * MB);
			long inUse = section.get("inUseBytes").asLong();
			if (transport == ServerTransport.IO_URING) {
				assertThat(inUse).as("each loop's first batch of ring buffers, lent to the kernel")
					.isGreaterThanOrEqualTo(2 * 16 * 8 * 1024);
			}
			else {
				assertThat(inUse).as("buffers handed out, at rest").isLessThan(64 * 1024);
			}
			assertThat(section.get("arenas").asInt()).isEqualTo(2);
			assertThat(section.get("chunkSize").asInt()).isEqualTo(4 * 1024 * 1024);
			assertThat(section.get("fallback").asBoolean()).isFalse();
			assertThat(section.has("cause")).isTrue();
			assertThat(section.get("cause").isNull()).isTrue();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void refusesRequestsWith503WhileDirectMemoryHasRunOutAndRecoversWithOneWarning(ServerTransport transport,
			CapturedOutput output) throws Exception {
		try (TestServer server = transport.start("--zokio.buffer-pool.preallocate=16MB")) {
			BufferPool pool = server.context().getBean(BufferPool.class);
			try (RawHttpConnection connection = server.connect()) {
				int held = Integer.parseInt(connection.get("/hold?mb=1024").body());
				assertThat(held).as("megabytes held before the JVM refused more").isBetween(300, 512);
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				try (RawHttpConnection connection = server.connect()) {
					RawHttpConnection.Response response = connection.get("/plaintext");
					assertThat(response.status()).isEqualTo(503);
					assertThat(response.headers()).containsEntry("connection", "close");
					assertThat(response.body()).contains("out of buffer memory");
					assertThat(connection.isClosedByServer()).isTrue();
				}
			});
			assertThat(pool.guard().refusals()).isPositive();
			assertThat(server.context().getBean(ConnectionStatistics.class).count(StatusClass.SERVER_ERROR))
				.isEqualTo(pool.guard().refusals());
			TestApplication.releaseHeld();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				try (RawHttpConnection connection = server.connect()) {
					assertThat(connection.get("/plaintext").status()).isEqualTo(200);
				}
			});
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				try (RawHttpConnection connection = server.connect()) {
					assertThat(connection.get("/plaintext").status()).isEqualTo(200);
				}
				assertThat(output.getOut()).contains("Zokio: direct memory pressure ended");
			});
			JsonNode section = server.getJsonOnce("/actuator/zokio/bufferPool");
			assertThat(section.get("exhausted").asLong()).isEqualTo(pool.guard().refusals());
			assertThat(section.get("pressureEpisodes").asLong()).isOne();
			assertThat(output.getOut().split("Zokio: direct memory is exhausted", -1)).as("warnings in the episode")
				.hasSize(2);
		}
		finally {
			TestApplication.releaseHeld();
		}
	}

	private static void load(TestServer server) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < 8; c++) {
				done.add(clients.submit(() -> {
					try (RawHttpConnection connection = server.connect()) {
						for (int i = 0; i < 40; i++) {
							assertThat(connection.get("/bytes?size=1048576").body()).hasSize(1024 * 1024);
							assertThat(connection.get("/plaintext").status()).isEqualTo(200);
						}
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

}
