package io.zokio.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The path of the health endpoint on the server port: {@code management.endpoints.web.base-path}
 * followed by {@code /health}.
 */
final class HealthPath {

	private static final String BASE_PATH = "management.endpoints.web.base-path";

	private HealthPath() {
	}

	static String of(Environment environment) {
		String basePath = Binder.get(environment).bind(BASE_PATH, String.class).orElse("/actuator");
		return (basePath.endsWith("/") ? basePath : basePath + "/") + "health";
	}

}
