package io.zokio.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application: a handful of endpoints for trying and benchmarking the engine.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Run the sample application. Lets Netty allocate direct buffers without the JDK's cleaner (the
	 * jar's manifest opens {@code java.nio} for it) unless told otherwise: the JDK's allocation
	 * path reacts to a full direct memory limit by collecting garbage and sleeping up to half a
	 * second on the allocating event loop, once for every failed allocation, so a memory episode
	 * would stall every connection of that loop instead of being shed in a moment.
	 * @param args the application arguments
	 */
	public static void main(String[] args) {
		if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
			System.setProperty("io.netty.tryReflectionSetAccessible", "true");
		}
		SpringApplication.run(SampleApplication.class, args);
	}

}
