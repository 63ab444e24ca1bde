package io.zokio.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			stats       | io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.tls.., io.zokio.engine.transport.., io.zokio.engine.selection.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			protection  | io.zokio.engine.stats.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.tls.., io.zokio.engine.transport.., io.zokio.engine.selection.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			conformance | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.buffer.., io.zokio.engine.tls.., io.zokio.engine.transport.., io.zokio.engine.selection.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			buffer      | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.tls.., io.zokio.engine.selection.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			pipeline    | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.tls.., io.zokio.engine.transport.., io.zokio.engine.selection.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			tls         | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.pipeline.., io.zokio.engine.transport.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			transport   | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.pipeline.., io.zokio.engine.tls.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			selection   | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.pipeline.., io.zokio.engine.tls.., io.zokio.engine.transport.., io.zokio.engine.overload.., io.zokio.engine.warmup..
			overload    | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.tls.., io.zokio.engine.transport.., io.zokio.engine.selection.., io.zokio.engine.warmup..
			warmup      | io.zokio.engine.stats.., io.zokio.engine.protection.., io.zokio.engine.conformance.., io.zokio.engine.buffer.., io.zokio.engine.pipeline.., io.zokio.engine.tls.., io.zokio.engine.transport.., io.zokio.engine.selection.., io.zokio.engine.overload..
			""")
	void capabilitiesMeetOnlyInThePipeline(String room, String others) {
		JavaClasses classes = this.engine.that(resideInAPackage("io.zokio.engine." + room + ".."));
		assertThat(classes).isNotEmpty();
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage(others.split(",\\s*"))
			.check(classes);
	}

}
