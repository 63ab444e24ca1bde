package io.zokio.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged sample application running in a child JVM, on an ephemeral loopback port.
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");

	private static final long STARTUP_TIMEOUT_SECONDS = 60;

	private final Process process;

	private final List<String> output = new ArrayList<>();

	private final CompletableFuture<Integer> port = new CompletableFuture<>();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	private SampleAppProcess(Process process) {
		this.process = process;
		Thread reader = new Thread(this::readOutput, "sample-app-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start the sample application.
	 * @param jvmArgs JVM arguments
	 * @param appArgs application arguments
	 * @return the running application
	 * @throws IOException if the JVM cannot be started
	 */
	static SampleAppProcess start(List<String> jvmArgs, List<String> appArgs) throws IOException {
		return start(List.of(), jvmArgs, appArgs);
	}

	/**
	 * Start the sample application under a launcher such as {@code prlimit}, which runs the JVM
	 * in its own process.
	 * @param launcher the launcher's command and arguments, before the JVM's
	 * @param jvmArgs JVM arguments
	 * @param appArgs application arguments
	 * @return the running application
	 * @throws IOException if the JVM cannot be started
	 */
	static SampleAppProcess start(List<String> launcher, List<String> jvmArgs, List<String> appArgs)
			throws IOException {
		List<String> command = new ArrayList<>(launcher);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-Dio.netty.leakDetection.level=" + System.getProperty("leak.detection.level", "paranoid"));
		command.addAll(jvmArgs);
		command.add("-jar");
		command.add(jar().toString());
		if (appArgs.stream().noneMatch((arg) -> arg.startsWith("--server.port="))) {
			command.add("--server.port=0");
		}
		command.add("--server.address=127.0.0.1");
		command.add("--spring.main.banner-mode=off");
		command.addAll(appArgs);
		return new SampleAppProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	static Path jar() {
		Path jar = Path.of(System.getProperty("zokio.sample.jar", "target/zokio-sample-app.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Package the sample application first: " + jar + " is missing");
		}
		return jar;
	}

	/**
	 * Wait until the server listens.
	 * @return the port
	 * @throws Exception if it exits or does not start in time
	 */
	int awaitPort() throws Exception {
		try {
			return this.port.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Sample app did not start in time:\n" + output(), ex);
		}
	}

	/**
	 * Wait for the process to exit on its own.
	 * @return the exit code
	 * @throws Exception if it does not exit in time
	 */
	int awaitExit() throws Exception {
		if (!this.process.waitFor(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Sample app did not exit:\n" + output());
		}
		this.ended.get(10, TimeUnit.SECONDS);
		return this.process.exitValue();
	}

	String output() {
		synchronized (this.output) {
			return String.join("\n", this.output);
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.output) {
					this.output.add(line);
				}
				Matcher started = STARTED.matcher(line);
				if (started.find()) {
					this.port.complete(Integer.parseInt(started.group(1)));
				}
			}
		}
		catch (IOException ex) {
			this.port.completeExceptionally(ex);
		}
		finally {
			this.port.completeExceptionally(new IllegalStateException("Sample app exited:\n" + output()));
			this.ended.complete(null);
		}
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
		this.ended.get(10, TimeUnit.SECONDS);
		if (output().contains("LEAK:")) {
			throw new AssertionError("Netty reported a leak in the sample app:\n" + output());
		}
	}

}
