package io.zokio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What publishing to Maven Central asks of the build beside the sources and javadoc jars, which
 * {@code .ci/run} builds with {@code -Prelease}: a license in every POM and at the root, a BOM that
 * manages Zokio's own artifacts at the build's version and nothing else, and a changelog entry for
 * the version.
 */
class PublicationTests {

	private static final Path ROOT = Path.of("..");

	@Test
	void everyPomAndTheRootCarryTheApacheLicense() throws Exception {
		assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
		for (Path pom : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("bom/pom.xml"))) {
			assertThat(text(pom(pom), "licenses")).as(pom.toString()).contains("Apache License, Version 2.0");
		}
	}

	@Test
	void theBomManagesZokiosArtifactsAtTheBuildsVersionAndNothingElse() throws Exception {
		Document parent = pom(ROOT.resolve("pom.xml"));
		Document bom = pom(ROOT.resolve("bom/pom.xml"));
		assertThat(bom.getElementsByTagName("parent").getLength()).as("a parent's managed versions would leak").isZero();
		assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
		assertThat(text(parent, "modules")).contains("bom");
		List<String> managed = new ArrayList<>();
		NodeList dependencies = bom.getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			assertThat(child(dependency, "groupId")).isEqualTo("io.zokio");
			assertThat(child(dependency, "version")).isEqualTo("${project.version}");
			managed.add(child(dependency, "artifactId"));
		}
		assertThat(managed).containsExactlyInAnyOrder("zokio-spring-boot-starter", "zokio-spring-boot-autoconfigure");
	}

	@Test
	void theChangelogHasAnEntryForTheBuildsVersion() throws Exception {
		String version = child(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "version").replace("-SNAPSHOT", "");
		assertThat(Files.readString(ROOT.resolve("CHANGELOG.md"))).contains("\n## " + version + " ");
	}

	private static Document pom(Path path) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(path.toFile());
	}

	private static String text(Document document, String tag) {
		NodeList nodes = document.getElementsByTagName(tag);
		return (nodes.getLength() > 0) ? nodes.item(0).getTextContent() : "";
	}

	private static String child(Element element, String tag) {
		NodeList children = element.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element child && child.getTagName().equals(tag)) {
				return child.getTextContent().trim();
			}
		}
		return "";
	}

}
