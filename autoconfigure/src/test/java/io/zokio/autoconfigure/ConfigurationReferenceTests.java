package io.zokio.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property has generated metadata with a description (for IDE completion) and a row in the
 * configuration reference, the switches of Zokio's health indicator and info contributor included.
 */
class ConfigurationReferenceTests {

	@Test
	void everyPropertyHasADescriptionAndARowInTheReference() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			names.add(name);
			assertThat(property.has("description")).as("description of %s", name).isTrue();
			assertThat(reference).as("row for %s in docs/configuration.md", name).contains("| `" + name + "` |");
		}
		assertThat(names).contains("zokio.enabled", "zokio.transport.mode", "zokio.buffer-pool.preallocate",
				"zokio.stats.latency-window", "zokio.connections.max", "management.health.zokio.enabled",
				"management.info.zokio.enabled");
	}

}
