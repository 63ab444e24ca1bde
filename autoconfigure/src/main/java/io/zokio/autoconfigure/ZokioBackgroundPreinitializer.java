package io.zokio.autoconfigure;

import io.zokio.engine.transport.TransportMode;
import io.zokio.engine.transport.TransportSelector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Rehearses the transport selection ({@link TransportSelector#preload(TransportMode)}) on a thread
 * of its own as soon as the environment is prepared, while the context is built, so that the
 * selection on the main thread finds the libraries initialized and the classes of every stage
 * loaded: the selection still runs every stage, and any failure is still its to report. Like
 * Boot's own background preinitializer, it stays off with {@value #IGNORE}{@code =true} and on a
 * single processor, and when {@code zokio.enabled} is false.
 */
public final class ZokioBackgroundPreinitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String IGNORE = "spring.backgroundpreinitializer.ignore";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		TransportMode mode = modeToPreload(event.getEnvironment(), Runtime.getRuntime().availableProcessors());
		if (mode != null) {
			Thread preloader = new Thread(() -> TransportSelector.preload(mode), "zokio-preinitializer");
			preloader.setDaemon(true);
			preloader.start();
		}
	}

	/**
	 * Return the transport mode whose selection to rehearse in the background.
	 * @param environment the application's environment
	 * @param processors the available processors
	 * @return the mode, or {@code null} to rehearse nothing: preinitialization is ignored, there is
	 * one processor, Zokio is disabled, or the mode is not one Zokio knows (the start will say so)
	 */
	static @Nullable TransportMode modeToPreload(Environment environment, int processors) {
		if (Boolean.parseBoolean(environment.getProperty(IGNORE)) || processors <= 1
				|| !environment.getProperty("zokio.enabled", Boolean.class, true)) {
			return null;
		}
		try {
			return Binder.get(environment).bind("zokio.transport.mode", TransportMode.class).orElse(TransportMode.AUTO);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
