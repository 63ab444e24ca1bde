package io.zokio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The picture of Zokio's packages and their dependencies in {@code docs/architecture.md} is the one
 * the compiled classes draw: a package that gains or loses a dependency fails this test until the
 * picture is regenerated (run it with {@code -Dzokio.architecture.write=true}).
 */
class ArchitectureDocumentationTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "architecture.md");

	private static final String BEGIN = "```mermaid";

	private static final String END = "```";

	@Test
	void theDocumentedPictureIsTheOneTheCodeDraws() throws IOException {
		String picture = picture();
		String document = Files.readString(DOCUMENT);
		int begin = document.indexOf(BEGIN);
		int end = document.indexOf(END, begin + BEGIN.length());
		assertThat(begin).as("a mermaid block in %s", DOCUMENT).isNotNegative();
		String documented = document.substring(begin, end + END.length());
		if (Boolean.getBoolean("zokio.architecture.write")) {
			Files.writeString(DOCUMENT, document.replace(documented, picture));
			return;
		}
		assertThat(documented).as("the picture in %s (regenerate with -Dzokio.architecture.write=true)", DOCUMENT)
			.isEqualTo(picture);
	}

	private static String picture() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.zokio");
		Set<String> packages = new TreeSet<>();
		Set<String> edges = new TreeSet<>();
		for (JavaClass source : classes) {
			String from = name(source.getPackageName());
			packages.add(from);
			for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
				String target = dependency.getTargetClass().getPackageName();
				if (target.startsWith("io.zokio.") && !name(target).equals(from)) {
					edges.add(node(from) + " --> " + node(name(target)));
				}
			}
		}
		StringBuilder picture = new StringBuilder(BEGIN).append("\nflowchart LR\n");
		for (String group : new String[] { "engine", "wiring" }) {
			picture.append("  subgraph ").append(group).append('\n');
			for (String name : packages) {
				if (name.startsWith("engine") == group.equals("engine")) {
					picture.append("    ").append(node(name)).append("[\"").append(name).append("\"]\n");
				}
			}
			picture.append("  end\n");
		}
		edges.forEach((edge) -> picture.append("  ").append(edge).append('\n'));
		return picture.append(END).toString();
	}

	private static String name(String packageName) {
		return packageName.equals("io.zokio") ? "zokio" : packageName.substring("io.zokio.".length());
	}

	private static String node(String name) {
		return name.replace('.', '_');
	}

}
