package io.zokio.engine.buffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizesTests {

	@Test
	void writesWholeUnitsWhereTheCountIsAMultipleOfOne() {
		assertThat(ByteSizes.format(16L * 1024 * 1024)).isEqualTo("16MB");
		assertThat(ByteSizes.format(4L * 1024 * 1024 * 1024)).isEqualTo("4GB");
		assertThat(ByteSizes.format(8192)).isEqualTo("8KB");
		assertThat(ByteSizes.format(1000)).isEqualTo("1000B");
		assertThat(ByteSizes.format(0)).isEqualTo("0B");
	}

	@Test
	void writesOneDecimalOtherwise() {
		assertThat(ByteSizes.format(12L * 1024 * 1024 + 512 * 1024)).isEqualTo("12.5MB");
		assertThat(ByteSizes.format(1536)).isEqualTo("1.5KB");
		assertThat(ByteSizes.format(536017542)).isEqualTo("511.2MB");
	}

	@Test
	void keepsTheSignOfANegativeCount() {
		assertThat(ByteSizes.format(-1)).isEqualTo("-1B");
		assertThat(ByteSizes.format(-2048)).isEqualTo("-2KB");
	}

}
