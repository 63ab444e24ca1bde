package io.zokio.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TestApplication} on a real server bound to an ephemeral loopback port.
 */
public final class TestServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private TestServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the test application with the given extra arguments.
	 * @param args arguments such as {@code --zokio.transport.mode=nio}
	 * @return the running server
	 */
	public static TestServer start(String... args) {
		return new TestServer(new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.REACTIVE)
			.run(arguments(args)));
	}

	/**
	 * Start the test application as the child of a parent context, as Spring Cloud's bootstrap and
	 * {@code SpringApplicationBuilder.child} do; closing the server closes both.
	 * @param args arguments such as {@code --zokio.transport.mode=nio}
	 * @return the running server
	 */
	public static TestServer startWithParent(String... args) {
		return new TestServer(new SpringApplicationBuilder(ParentConfiguration.class).web(WebApplicationType.NONE)
			.child(TestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run(arguments(args)));
	}

	/**
	 * Return the arguments every test server starts with, followed by the given ones; a property
	 * given again takes the last value.
	 * @param args further arguments
	 * @return the arguments
	 */
	public static String[] arguments(String... args) {
		Map<String, String> all = new LinkedHashMap<>();
		for (String arg : List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.reactor.netty.shutdown-quiet-period=0s", "--management.endpoints.web.exposure.include=*",
				"--spring.main.banner-mode=off")) {
			all.put(key(arg), arg);
		}
		for (String arg : args) {
			all.put(key(arg), arg);
		}
		return all.values().toArray(String[]::new);
	}

	private static String key(String arg) {
		int equals = arg.indexOf('=');
		return (arg.startsWith("--") && equals > 0) ? arg.substring(0, equals) : arg;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	public TestHttp http() {
		return new TestHttp(port());
	}

	public RawHttpConnection connect() throws java.io.IOException {
		return new RawHttpConnection(port());
	}

	/**
	 * GET a JSON document over a connection of its own, closed before returning, so that the
	 * figures it reports include exactly one connection and one request of its own.
	 * @param path the path
	 * @return the document
	 * @throws java.io.IOException on I/O failure
	 */
	public tools.jackson.databind.JsonNode getJsonOnce(String path) throws java.io.IOException {
		return new Port(port()).getJsonOnce(path);
	}

	/**
	 * Another port of the server, such as its management port.
	 *
	 * @param port the port
	 */
	public record Port(int port) {

		/**
		 * GET a JSON document over a connection of its own, closed before returning.
		 * @param path the path
		 * @return the document
		 * @throws java.io.IOException on I/O failure
		 */
		public tools.jackson.databind.JsonNode getJsonOnce(String path) throws java.io.IOException {
			try (RawHttpConnection connection = new RawHttpConnection(this.port)) {
				RawHttpConnection.Response response = connection.get(path);
				if (response.status() != 200) {
					throw new IllegalStateException("GET " + path + " answered " + response.status());
				}
				return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
			}
		}

	}

	@Override
	public void close() {
		this.context.close();
		if (this.context.getParent() instanceof ConfigurableApplicationContext parent) {
			parent.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ParentConfiguration {

	}

}
