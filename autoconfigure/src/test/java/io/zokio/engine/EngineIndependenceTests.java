package io.zokio.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine core must stay usable without Spring.
 */
class EngineIndependenceTests {

	private final JavaClasses engine = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.zokio.engine");

	@Test
	void engineImportsNothingFromSpring() {
		assertThat(this.engine).isNotEmpty();
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(this.engine);
	}

	@Test
	void engineImportsNothingFromTheSpringWiring() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.zokio.autoconfigure..", "io.zokio.actuate..")
			.check(this.engine);
	}

}
