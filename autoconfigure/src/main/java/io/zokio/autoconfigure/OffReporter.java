package io.zokio.autoconfigure;

import io.zokio.engine.transport.TransportSelector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Logs one INFO when the starter is on the classpath but Zokio does not run the application's
 * server, saying why: turned off, not a reactive web application, or a {@code ReactorResourceFactory}
 * of the application's own. Boot's condition report says the same only at DEBUG.
 */
public final class OffReporter implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(OffReporter.class);

	private static final String REACTIVE_WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.reactive.context."
			+ "ReactiveWebServerApplicationContext";

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		String reason = reason(event.getApplicationContext());
		if (reason != null) {
			logger.info("Zokio is on the classpath but does not run this application's server: " + reason);
		}
	}

	/**
	 * Return why Zokio does not run the application's server.
	 * @param context the application's context
	 * @return the reason, or {@code null} when Zokio runs it
	 */
	static @Nullable String reason(ConfigurableApplicationContext context) {
		if (context.getParent() != null) {
			return null;
		}
		if (!context.getEnvironment().getProperty("zokio.enabled", Boolean.class, true)) {
			return "zokio.enabled is false";
		}
		if (!isReactiveWebServer(context)) {
			return "it is not a reactive web application (Zokio serves Spring WebFlux on Reactor Netty; "
					+ "an application on Spring MVC runs on its servlet container as it would without Zokio)";
		}
		if (context.getBeanNamesForType(TransportSelector.class, false, false).length == 0) {
			return "the application defines its own ReactorResourceFactory, or its server is not Reactor Netty";
		}
		return null;
	}

	private static boolean isReactiveWebServer(ConfigurableApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		return ClassUtils.isPresent(REACTIVE_WEB_SERVER_CONTEXT, classLoader)
				&& ClassUtils.resolveClassName(REACTIVE_WEB_SERVER_CONTEXT, classLoader).isInstance(context);
	}

}
