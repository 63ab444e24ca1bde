package io.zokio.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zokio.test.MarkdownBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start as a new user follows it: the packaged sample app declares every
 * dependency it names, and every key of its {@code application.yml} is one Zokio has and binds.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeQuickStartTests {

	private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

	private final String readme = read(Path.of("..", "README.md"));

	@Test
	void theSampleAppDeclaresEveryDependencyTheQuickStartNames() {
		List<String> artifacts = new ArrayList<>();
		Matcher matcher = ARTIFACT.matcher(block("```xml"));
		while (matcher.find()) {
			artifacts.add(matcher.group(1));
		}
		assertThat(artifacts).contains("zokio-spring-boot-starter", "micrometer-registry-prometheus");
		String sampleApp = read(Path.of("..", "sample-app", "pom.xml"));
		assertThat(artifacts).allSatisfy((artifact) -> assertThat(sampleApp).contains("<artifactId>" + artifact + "</artifactId>"));
	}

	@Test
	void everyKeyOfTheQuickStartsYamlIsOneZokioHasAndBinds(CapturedOutput output) throws Exception {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("README",
				new ByteArrayResource(block("```yaml").getBytes()));
		StandardEnvironment environment = new StandardEnvironment();
		yaml.forEach(environment.getPropertySources()::addFirst);
		UnknownPropertiesReporter.report(environment, UnknownPropertiesReporter.knownNames(getClass().getClassLoader()));
		assertThat(output).doesNotContain("Zokio has no property");
		ZokioProperties properties = new Binder(ConfigurationPropertySources.get(environment))
			.bindOrCreate("zokio", ZokioProperties.class);
		assertThat(properties.getConnections().getMax()).isEqualTo(10000);
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
	}

	private String block(String fence) {
		return MarkdownBlocks.after(this.readme, "", fence);
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
