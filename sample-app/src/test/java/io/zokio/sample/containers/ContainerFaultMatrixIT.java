package io.zokio.sample.containers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.dockerjava.api.model.Ulimit;
import io.zokio.test.Layout;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The packaged sample application in real containers built for hostile environments: each case
 * asserts that it serves {@code GET /plaintext} and that {@code /actuator/zokio} tells the truth
 * about what it had to give up.
 */
class ContainerFaultMatrixIT {

	private static final long MB = 1024 * 1024;

	private static Path jar;

	@BeforeAll
	static void requireDocker() {
		boolean available = DockerClientFactory.instance().isDockerAvailable();
		if (System.getenv("CI") != null) {
			assertThat(available).as("CI starts Docker (.ci/setup-docker)").isTrue();
		}
		assumeThat(available).as("no Docker daemon is reachable: run .ci/setup-docker").isTrue();
		assumeThat(DockerClientFactory.instance().client().listImagesCmd()
			.withImageNameFilter(SampleAppContainer.BASE_IMAGE.asCanonicalNameString())
			.exec()).as("base image %s (.ci/setup-docker builds it)", SampleAppContainer.BASE_IMAGE).isNotEmpty();
		jar = Path.of(System.getProperty("zokio.sample.jar", "target/zokio-sample-app.jar"));
	}

	@Test
	void noexecTmpFallsBackToNioAndSaysWhy() throws Exception {
		try (SampleAppContainer app = new SampleAppContainer(jar).withTmpFs(java.util.Map.of("/tmp", "rw,noexec"))) {
			app.start();
			JsonNode transport = serveAndReport(app).get("transport");
			assertThat(transport.get("name").asString()).isEqualTo("nio");
			assertThat(transport.get("fallback").asBoolean()).isTrue();
			assertThat(attempt(transport, "epoll").get("stage").asString()).isEqualTo("load");
			assertThat(attempt(transport, "epoll").get("cause").asString()).contains("failed to map segment");
			assertNoLeaks(app);
		}
	}

	@Test
	void seccompDenyingIoUringFallsBackToEpollWithAWarning() throws Exception {
		try (SampleAppContainer app = new SampleAppContainer(jar).app("--zokio.transport.mode=io-uring")
			.hostConfig((cmd) -> cmd.getHostConfig().withSecurityOpts(List.of("seccomp=" + deny("io_uring_setup"))))) {
			app.start();
			JsonNode transport = serveAndReport(app).get("transport");
			assertThat(transport.get("name").asString()).isEqualTo("epoll");
			assertThat(transport.get("requested").asString()).isEqualTo("io-uring");
			assertThat(transport.get("fallback").asBoolean()).isTrue();
			JsonNode ioUring = attempt(transport, "io_uring");
			assertThat(ioUring.get("outcome").asString()).isEqualTo("failed");
			assertThat(ioUring.get("cause").asString()).contains("Operation not permitted");
			assertThat(app.getLogs()).contains("WARN").contains("Requested transport io_uring could not be used");
			assertNoLeaks(app);
		}
	}

	@Test
	void seccompDenyingEpollStillServesOnThePollSelector() throws Exception {
		String profile = deny("epoll_create", "epoll_create1", "io_uring_setup");
		try (SampleAppContainer app = new SampleAppContainer(jar)
			.hostConfig((cmd) -> cmd.getHostConfig().withSecurityOpts(List.of("seccomp=" + profile)))) {
			app.start();
			JsonNode transport = serveAndReport(app).get("transport");
			assertThat(transport.get("name").asString()).isEqualTo("nio");
			assertThat(transport.get("fallback").asBoolean()).isTrue();
			List<JsonNode> attempts = transport.get("attempts").valueStream().toList();
			JsonNode defaultSelector = attempts.get(attempts.size() - 2);
			assertThat(defaultSelector.get("transport").asString()).isEqualTo("nio");
			assertThat(defaultSelector.get("outcome").asString()).isEqualTo("failed");
			assertThat(defaultSelector.get("cause").asString()).contains("Operation not permitted");
			assertThat(attempts.get(attempts.size() - 1).get("outcome").asString()).isEqualTo("selected");
			assertNoLeaks(app);
		}
	}

	@Test
	void missingNativeJarsFallBackToNioAndSayWhich(@TempDir Path dir) throws Exception {
		Path withoutNatives = without(dir,
				Pattern.compile("netty-transport-(native|classes)-(epoll|io_uring|kqueue)-.*\\.jar"));
		try (SampleAppContainer app = new SampleAppContainer(withoutNatives)) {
			app.start();
			JsonNode transport = serveAndReport(app).get("transport");
			assertThat(transport.get("name").asString()).isEqualTo("nio");
			assertThat(attempt(transport, "epoll").get("cause").asString())
				.isEqualTo("io.netty:netty-transport-native-epoll is not on the classpath");
			assertThat(attempt(transport, "io_uring").get("cause").asString())
				.isEqualTo("io.netty:netty-transport-native-io_uring is not on the classpath");
			assertNoLeaks(app);
		}
	}

	@Test
	void directMemoryBelowThePoolShrinksItAndServes() throws Exception {
		try (SampleAppContainer app = new SampleAppContainer(jar).jvm("-XX:MaxDirectMemorySize=20m")) {
			app.start();
			JsonNode pool = serveAndReport(app).get("bufferPool");
			assertThat(pool.get("requestedBytes").asLong()).isEqualTo(16 * MB);
			assertThat(pool.get("preallocatedBytes").asLong()).isLessThan(16 * MB);
			assertThat(pool.get("fallback").asBoolean()).isTrue();
			assertThat(pool.get("cause").asString()).contains("exceeds the budget");
			assertNoLeaks(app);
		}
	}

	@Test
	void containerMemoryLimitOf256MbStartsAndSizesThePoolWithinTheBudget() throws Exception {
		long limit = 256 * MB;
		try (SampleAppContainer app = new SampleAppContainer(jar)
			.hostConfig((cmd) -> cmd.getHostConfig().withMemory(limit).withMemorySwap(limit))) {
			app.start();
			JsonNode report = serveAndReport(app);
			JsonNode pool = report.get("bufferPool");
			assertThat(pool.get("direct").asBoolean()).isTrue();
			assertThat(pool.get("preallocatedBytes").asLong()).isPositive().isLessThanOrEqualTo(limit / 4);
			assertThat(app.getLogs()).doesNotContain("OutOfMemoryError");
			assertNoLeaks(app);
		}
	}

	@Test
	void requiringNativeWhereNoneWorksExitsWithTheReason() {
		try (SampleAppContainer app = new SampleAppContainer(jar).withTmpFs(java.util.Map.of("/tmp", "rw,noexec"))
			.app("--zokio.transport.require-native=true")
			.expectingExit()) {
			app.start();
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.getLogs()).contains("APPLICATION FAILED TO START",
					"A native transport is required (zokio.transport.require-native=true) but none could be used:",
					"- epoll failed at load: ", "failed to map segment");
		}
	}

	@Test
	void lockedMemoryLimitOfZeroMakesIoUringFailToLoadAndTheAutomaticOrderFallsBackToEpoll() throws Exception {
		try (SampleAppContainer app = new SampleAppContainer(jar)
			.hostConfig((cmd) -> cmd.getHostConfig().withUlimits(List.of(new Ulimit("memlock", 0L, 0L))))) {
			app.start();
			JsonNode transport = serveAndReport(app).get("transport");
			assertThat(transport.get("name").asString()).isEqualTo("epoll");
			assertThat(transport.get("fallback").asBoolean()).isTrue();
			JsonNode ioUring = attempt(transport, "io_uring");
			assertThat(ioUring.get("stage").asString()).isEqualTo("load");
			assertThat(ioUring.get("cause").asString()).contains("failed to allocate memory for io_uring ring",
					"memlock");
			assertThat(app.getLogs()).contains("Zokio transport: epoll (mode auto", "not used: io_uring (load: ")
				.doesNotContain("Requested transport io_uring could not be used");
			assertNoLeaks(app);
		}
	}

	@Test
	void missingTcnativeServesTlsWithTheJdkAndSaysWhy(@TempDir Path dir) throws Exception {
		Path withoutTcnative = without(dir, Pattern.compile("netty-tcnative-.*\\.jar"));
		try (SampleAppContainer app = new SampleAppContainer(withoutTcnative).tls()) {
			app.start();
			JsonNode tls = serveOverTlsAndReport(app);
			assertThat(tls.get("provider").asString()).isEqualTo("jdk");
			assertThat(tls.get("fallback").asBoolean()).isTrue();
			JsonNode openSsl = attempt(tls, "provider", "openssl");
			assertThat(openSsl.get("stage").asString()).isEqualTo("load");
			assertThat(openSsl.get("cause").asString())
				.isEqualTo("io.netty:netty-tcnative-boringssl-static is not on the classpath");
			assertThat(app.getLogs()).contains("Zokio TLS: jdk", "not used: openssl (load: ");
			assertNoLeaks(app);
		}
	}

	@Test
	void noexecTmpServesTlsWithTheJdkAndSaysWhy() throws Exception {
		try (SampleAppContainer app = new SampleAppContainer(jar).tls()
			.withTmpFs(java.util.Map.of("/tmp", "rw,noexec"))) {
			app.start();
			JsonNode tls = serveOverTlsAndReport(app);
			assertThat(tls.get("provider").asString()).isEqualTo("jdk");
			JsonNode openSsl = attempt(tls, "provider", "openssl");
			assertThat(openSsl.get("stage").asString()).isEqualTo("load");
			assertThat(openSsl.get("cause").asString()).contains("failed to map segment");
			assertNoLeaks(app);
		}
	}

	@Test
	void nativeTlsOnAHealthyHostServesWithOpenSsl() throws Exception {
		try (SampleAppContainer app = new SampleAppContainer(jar).tls().app("--zokio.tls.require-native=true")) {
			app.start();
			JsonNode tls = serveOverTlsAndReport(app);
			assertThat(tls.get("provider").asString()).isEqualTo("openssl");
			assertThat(tls.get("library").asString()).isEqualTo("BoringSSL");
			assertThat(tls.get("fallback").asBoolean()).isFalse();
			assertNoLeaks(app);
		}
	}

	@Test
	void requiringNativeTlsWhereItCannotLoadExitsWithTheReason() {
		try (SampleAppContainer app = new SampleAppContainer(jar).tls()
			.withTmpFs(java.util.Map.of("/tmp", "rw,noexec"))
			.app("--zokio.tls.require-native=true")
			.expectingExit()) {
			app.start();
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.getLogs()).contains("APPLICATION FAILED TO START",
					"Native TLS is required (zokio.tls.require-native=true) but could not be used:",
					"- openssl failed at load: ", "failed to map segment", "zokio.tls.require-native=false");
		}
	}

	@Test
	void noexecTmpServesWithoutHttp3AndSaysWhy() throws Exception {
		try (SampleAppContainer app = new SampleAppContainer(jar).tls()
			.withTmpFs(java.util.Map.of("/tmp", "rw,noexec"))
			.app("--zokio.http3.enabled=true")) {
			app.start();
			JsonNode http3 = serveWithoutHttp3(app);
			assertThat(http3.get("stage").asString()).isEqualTo("load");
			assertThat(http3.get("cause").asString()).contains("failed to map segment");
			assertNoLeaks(app);
		}
	}

	@Test
	void missingQuicNativeJarServesWithoutHttp3AndSaysWhy(@TempDir Path dir) throws Exception {
		Path withoutQuic = without(dir, Pattern.compile("netty-codec-native-quic-.*\\.jar"));
		try (SampleAppContainer app = new SampleAppContainer(withoutQuic).tls().app("--zokio.http3.enabled=true")) {
			app.start();
			JsonNode http3 = serveWithoutHttp3(app);
			assertThat(http3.get("stage").asString()).isEqualTo("load");
			assertThat(http3.get("cause").asString())
				.isEqualTo("io.netty:netty-codec-native-quic for linux-x86_64 is not on the classpath");
			assertNoLeaks(app);
		}
	}

	@Test
	void takenUdpPortServesWithoutHttp3AndSaysWhy() throws Exception {
		SampleAppContainer container = new SampleAppContainer(jar).tls().app("--zokio.http3.enabled=true");
		try (SampleAppContainer app = container;
				DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", container.port()))) {
			app.start();
			JsonNode http3 = serveWithoutHttp3(app);
			assertThat(http3.get("stage").asString()).isEqualTo("bind");
			assertThat(http3.get("cause").asString()).containsIgnoringCase("address already in use");
			assertNoLeaks(app);
		}
	}

	/**
	 * GET {@code /plaintext} over TLS, check that no {@code Alt-Svc} advertises HTTP/3 and that the
	 * log says it does not serve, and return the endpoint's {@code http3} section.
	 */
	private static JsonNode serveWithoutHttp3(SampleAppContainer app) throws IOException, InterruptedException {
		try (RawHttpConnection connection = new RawHttpConnection(Layout.HTTP_1_1_TLS.connect(app.port()), 10_000)) {
			RawHttpConnection.Response response = connection.get("/plaintext");
			assertThat(response.body()).isEqualTo("Hello, World!");
			assertThat(response.headers()).doesNotContainKey("alt-svc");
		}
		assertThat(app.getLogs()).contains("WARN").contains("Zokio HTTP/3: not serving");
		JsonNode http3 = new TestHttp(app.managementPort()).getJson("/actuator/zokio/http3");
		assertThat(http3.get("state").asString()).isEqualTo("unavailable");
		return http3;
	}

	/**
	 * GET {@code /plaintext} over TLS on the application's port and return the {@code tls}
	 * section of the endpoint, read on the management port, with the handshake counted.
	 */
	private static JsonNode serveOverTlsAndReport(SampleAppContainer app) throws IOException, InterruptedException {
		try (RawHttpConnection connection = new RawHttpConnection(Layout.HTTP_1_1_TLS.connect(app.port()), 10_000)) {
			assertThat(connection.get("/plaintext").body()).isEqualTo("Hello, World!");
		}
		JsonNode tls = new TestHttp(app.managementPort()).getJson("/actuator/zokio/tls");
		assertThat(tls.get("handshakes").get("completed").asLong()).isOne();
		return tls;
	}

	private static JsonNode serveAndReport(SampleAppContainer app) throws IOException, InterruptedException {
		TestHttp http = new TestHttp(app.port());
		assertThat(http.get("/plaintext").body()).isEqualTo("Hello, World!");
		assertThat(http.get("/bytes?size=2000000").body()).hasSize(2_000_000);
		JsonNode report = http.getJson("/actuator/zokio");
		assertThat(http.getJson("/actuator/zokio/transport")).isEqualTo(report.get("transport"));
		assertThat(http.getJson("/actuator/zokio/bufferPool").get("requestedBytes"))
			.isEqualTo(report.get("bufferPool").get("requestedBytes"));
		return report;
	}

	private static JsonNode attempt(JsonNode transport, String name) {
		return attempt(transport, "transport", name);
	}

	/**
	 * Return the attempt of a section ({@code transport} or {@code tls}) whose field names the given
	 * transport or TLS implementation.
	 */
	private static JsonNode attempt(JsonNode section, String field, String name) {
		return section.get("attempts")
			.valueStream()
			.filter((attempt) -> attempt.get(field).asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " attempt in " + section));
	}

	private static void assertNoLeaks(SampleAppContainer app) {
		assertThat(app.getLogs()).doesNotContain("LEAK:");
	}

	private static String deny(String... syscalls) {
		String names = Stream.of(syscalls).map((name) -> "\"" + name + "\"").collect(Collectors.joining(","));
		return "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[" + names
				+ "],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}";
	}

	/**
	 * Copy the sample application's jar without the libraries whose names match.
	 */
	private static Path without(Path dir, Pattern library) throws IOException {
		Path copy = dir.resolve("zokio-sample-app-without-natives.jar");
		Files.copy(jar, copy);
		try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + copy.toUri()), java.util.Map.of())) {
			Path lib = zip.getPath("BOOT-INF/lib");
			try (Stream<Path> libs = Files.list(lib)) {
				for (Path entry : libs.filter((p) -> library.matcher(p.getFileName().toString()).matches()).toList()) {
					Files.delete(entry);
				}
			}
			Path index = zip.getPath("BOOT-INF/classpath.idx");
			List<String> kept = Files.readAllLines(index).stream().filter((line) -> !library.matcher(line).find()).toList();
			Files.write(index, kept);
		}
		return copy;
	}

}
