package io.zokio.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property has generated metadata with a description (for IDE completion) and a row in the
 * configuration reference, the switches of Zokio's health indicator and info contributor included;
 * every property the upgrade guide tells users to set exists.
 */
class ConfigurationReferenceTests {

	@Test
	void everyPropertyHasADescriptionAndARowInTheReference() throws Exception {
		JsonNode metadata = metadata();
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

	@Test
	void everyPropertyTheUpgradeGuideNamesExists() throws Exception {
		Set<String> names = new HashSet<>();
		for (JsonNode property : metadata().get("properties")) {
			names.add(property.get("name").asString());
		}
		String guide = Files.readString(Path.of("..", "docs", "upgrading.md"));
		Pattern property = Pattern.compile("(?:zokio|management\\.(?:health|info)\\.zokio)\\.[a-z0-9.-]*[a-z0-9]");
		Matcher named = property.matcher(guide);
		List<String> mentioned = new ArrayList<>();
		while (named.find()) {
			mentioned.add(named.group());
		}
		assertThat(mentioned).hasSizeGreaterThan(20).allSatisfy((name) -> assertThat(names).contains(name));
	}

	private JsonNode metadata() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
