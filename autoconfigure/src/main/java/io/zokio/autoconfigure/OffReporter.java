package io.zokio.autoconfigure;

import io.zokio.engine.transport.TransportSelector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Logs one INFO when the starter is on the classpath but Zokio does not run the application's
 * server, saying why: turned off, not a reactive web application, or a {@code ReactorResourceFactory}
 * of the application's own. Boot's condition report says the same only at DEBUG. Under Spring AOT,
 * where the auto-configuration was decided when the application was processed, a
 * {@code zokio.enabled=false} given only at run time is ignored: that gets a WARN with the fix.
 */
public final class OffReporter implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(OffReporter.class);

	private static final String REACTIVE_WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.reactive.context."
			+ "ReactiveWebServerApplicationContext";

	static final String IGNORED_UNDER_AOT = "Zokio runs this application's server although zokio.enabled is false: "
			+ "the application was processed ahead of time (Spring AOT) with Zokio on, and its auto-configuration "
			+ "was decided then. Set zokio.enabled=false when processing it (spring-boot:process-aot) as well.";

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (isIgnoredUnderAot(event.getApplicationContext())) {
			logger.warn(IGNORED_UNDER_AOT);
			return;
		}
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
		if (isTurnedOff(context)) {
			return "zokio.enabled is false";
		}
		if (!isReactiveWebServer(context)) {
			return "it is not a reactive web application (Zokio serves Spring WebFlux on Reactor Netty; "
					+ "an application on Spring MVC runs on its servlet container as it would without Zokio)";
		}
		if (!runsTheServer(context)) {
			return AotDetector.useGeneratedArtifacts()
					? "it was off when the application was processed ahead of time (Spring AOT), or the application "
							+ "defines its own ReactorResourceFactory"
					: "the application defines its own ReactorResourceFactory, or its server is not Reactor Netty";
		}
		return null;
	}

	/**
	 * Return whether {@code zokio.enabled=false} is ignored because the application runs the context
	 * Spring AOT processed with Zokio on.
	 * @param context the application's context
	 * @return whether Zokio runs the server although turned off
	 */
	static boolean isIgnoredUnderAot(ConfigurableApplicationContext context) {
		return context.getParent() == null && AotDetector.useGeneratedArtifacts() && isTurnedOff(context)
				&& runsTheServer(context);
	}

	private static boolean isTurnedOff(ConfigurableApplicationContext context) {
		return !context.getEnvironment().getProperty("zokio.enabled", Boolean.class, true);
	}

	private static boolean runsTheServer(ConfigurableApplicationContext context) {
		return context.getBeanNamesForType(TransportSelector.class, false, false).length > 0;
	}

	private static boolean isReactiveWebServer(ConfigurableApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		return ClassUtils.isPresent(REACTIVE_WEB_SERVER_CONTEXT, classLoader)
				&& ClassUtils.resolveClassName(REACTIVE_WEB_SERVER_CONTEXT, classLoader).isInstance(context);
	}

}
