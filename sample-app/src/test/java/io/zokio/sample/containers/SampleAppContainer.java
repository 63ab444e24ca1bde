package io.zokio.sample.containers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import org.rnorth.ducttape.ratelimits.RateLimiter;
import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.rnorth.ducttape.unreliables.Unreliables;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The packaged sample application in a container of the locally built JRE base image, on the
 * host's network and a free loopback port.
 */
final class SampleAppContainer extends GenericContainer<SampleAppContainer> {

	static final DockerImageName BASE_IMAGE = DockerImageName.parse("zokio/jre17-base:1");

	private static final RateLimiter POLL_RATE = RateLimiterBuilder.newBuilder()
		.withRate(5, TimeUnit.SECONDS)
		.withConstantThroughput()
		.build();

	private final int port;

	private final int managementPort;

	private boolean tls;

	private final List<String> jvmArgs = new ArrayList<>();

	private final List<String> appArgs = new ArrayList<>();

	SampleAppContainer(Path jar) {
		super(BASE_IMAGE);
		int[] ports = freePorts();
		this.port = ports[0];
		this.managementPort = ports[1];
		withNetworkMode("host");
		withCopyFileToContainer(MountableFile.forHostPath(jar), "/app/app.jar");
		waitingFor(new LoopbackHealthWaitStrategy());
		withStartupTimeout(Duration.ofSeconds(120));
	}

	SampleAppContainer jvm(String... args) {
		this.jvmArgs.addAll(List.of(args));
		return this;
	}

	SampleAppContainer app(String... args) {
		this.appArgs.addAll(List.of(args));
		return this;
	}

	/**
	 * Serve the application's port over TLS with the test key store, and the management endpoints
	 * in cleartext on a port of their own.
	 * @return this container
	 */
	SampleAppContainer tls() {
		this.tls = true;
		return withCopyFileToContainer(MountableFile.forClasspathResource("zokio-test.p12"), "/app/tls.p12");
	}

	SampleAppContainer hostConfig(Consumer<CreateContainerCmd> modifier) {
		return withCreateContainerCmdModifier(modifier);
	}

	/**
	 * Expect the application to exit on its own: start returns at once, {@link #awaitExit()} waits.
	 * @return this container
	 */
	SampleAppContainer expectingExit() {
		waitingFor(new AbstractWaitStrategy() {

			@Override
			protected void waitUntilReady() {
			}

		});
		return withStartupCheckStrategy(new StartupCheckStrategy() {

			@Override
			public StartupStatus checkStartupState(com.github.dockerjava.api.DockerClient client, String id) {
				return StartupStatus.SUCCESSFUL;
			}

		});
	}

	@Override
	protected void configure() {
		List<String> command = new ArrayList<>(List.of("java", "-Xshare:auto",
				"-Dio.netty.leakDetection.level=paranoid"));
		command.addAll(this.jvmArgs);
		command.addAll(List.of("-jar", "/app/app.jar", "--server.port=" + this.port, "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off"));
		if (this.tls) {
			command.addAll(List.of("--server.ssl.key-store=file:/app/tls.p12", "--server.ssl.key-store-password=changeit",
					"--server.ssl.key-store-type=PKCS12", "--management.server.port=" + this.managementPort,
					"--management.server.address=127.0.0.1", "--management.server.ssl.enabled=false"));
		}
		command.addAll(this.appArgs);
		withCommand(command.toArray(String[]::new));
	}

	int port() {
		return this.port;
	}

	/**
	 * Return the port of the management endpoints: the application's own, unless {@link #tls()}.
	 * @return the port
	 */
	int managementPort() {
		return this.tls ? this.managementPort : this.port;
	}

	int awaitExit() {
		return getDockerClient().waitContainerCmd(getContainerId())
			.exec(new WaitContainerResultCallback())
			.awaitStatusCode(90, TimeUnit.SECONDS);
	}

	private static int[] freePorts() {
		try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new int[] { first.getLocalPort(), second.getLocalPort() };
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until the application answers its health endpoint on 127.0.0.1, failing at once if
	 * the container exits (host networking maps no ports, so Testcontainers' own HTTP wait cannot
	 * be used).
	 */
	private final class LoopbackHealthWaitStrategy extends AbstractWaitStrategy {

		private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		@Override
		protected void waitUntilReady() {
			URI health = URI.create("http://127.0.0.1:" + managementPort() + "/actuator/health");
			Unreliables.retryUntilTrue((int) this.startupTimeout.toSeconds(), TimeUnit.SECONDS,
					() -> POLL_RATE.getWhenReady(() -> {
						if (!this.waitStrategyTarget.isRunning()) {
							throw new ContainerLaunchException(
									"Container exited before serving:\n" + SampleAppContainer.this.getLogs());
						}
						try {
							HttpResponse<Void> response = this.client.send(
									HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
									HttpResponse.BodyHandlers.discarding());
							return response.statusCode() == 200;
						}
						catch (IOException ex) {
							return false;
						}
					}));
		}

	}

}
