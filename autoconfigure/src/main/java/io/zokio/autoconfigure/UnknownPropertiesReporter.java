package io.zokio.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Logs one WARN for each property set under {@code zokio.*} that Zokio does not have, naming the
 * closest one it has: Boot binds such a key to nothing and says nothing, so a typo such as
 * {@code zokio.conections.max} would leave the limit at its default unnoticed.
 */
public final class UnknownPropertiesReporter implements ApplicationListener<ApplicationPreparedEvent> {

	private static final Log logger = LogFactory.getLog(UnknownPropertiesReporter.class);

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final ConfigurationPropertyName ZOKIO = ConfigurationPropertyName.of("zokio");

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(zokio\\.[^\"]+)\"");

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		report(event.getApplicationContext().getEnvironment(), knownNames(event.getApplicationContext().getClassLoader()));
	}

	static void report(ConfigurableEnvironment environment, Set<String> known) {
		if (known.isEmpty()) {
			return;
		}
		Set<String> unknown = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(ZOKIO::isAncestorOf).stream().map(UnknownPropertiesReporter::withoutIndices)
					.filter((name) -> !known.contains(name))
					.forEach(unknown::add);
			}
		}
		for (String name : unknown) {
			String closest = closest(name, known);
			logger.warn("Zokio has no property " + name + "; it is ignored"
					+ ((closest != null) ? ". Did you mean " + closest + "?" : ""));
		}
	}

	private static String withoutIndices(ConfigurationPropertyName name) {
		for (int i = 1; i < name.getNumberOfElements(); i++) {
			if (name.isNumericIndex(i)) {
				return name.chop(i).toString();
			}
		}
		return name.toString();
	}

	/**
	 * Return the known name at the smallest edit distance from an unknown one, if it is close enough
	 * to be a typo of it: at most a quarter of its length, and at least two edits.
	 */
	static @Nullable String closest(String name, Set<String> known) {
		String best = null;
		int bestDistance = Math.max(2, name.length() / 4) + 1;
		for (String candidate : known) {
			int distance = distance(name, candidate);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * Return the names of Zokio's properties and groups, as the configuration processor listed them.
	 */
	static Set<String> knownNames(@Nullable ClassLoader classLoader) {
		Set<String> names = new TreeSet<>();
		try {
			ClassLoader loader = (classLoader != null) ? classLoader : UnknownPropertiesReporter.class.getClassLoader();
			Enumeration<URL> resources = loader.getResources(METADATA);
			while (resources.hasMoreElements()) {
				try (InputStream in = resources.nextElement().openStream()) {
					Matcher matcher = NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					while (matcher.find()) {
						names.add(matcher.group(1));
					}
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Zokio could not read its property metadata", ex);
		}
		return names;
	}

}
