package io.zokio.engine.pipeline;

import java.time.Duration;
import java.util.List;

import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.test.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two seats on an {@link EmbeddedConnection}: pipelined requests fed to the codec in slices and
 * answered in order, the one refusal path, and the bytes of both directions counted.
 */
class SeatsTests {

	private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";

	private final ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60));

	@Test
	void answersEveryPipelinedRequestOfOneReadInOrder() {
		int requests = 300;
		StringBuilder pipelined = new StringBuilder();
		for (int i = 0; i < requests; i++) {
			pipelined.append("GET /size?n=").append(i).append(" HTTP/1.1\r\nHost: a\r\n\r\n");
		}
		assertThat(pipelined.length()).isGreaterThan(PipeliningGate.SLICE_BYTES * 4);
		try (EmbeddedConnection connection = new EmbeddedConnection(this.statistics)) {
			connection.send(pipelined.toString());
			List<EmbeddedConnection.Response> responses = connection.responses();
			assertThat(responses).hasSize(requests).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
			assertThat(connection.isOpen()).isTrue();
			assertThat(this.statistics.count(Count.REQUESTS)).isEqualTo(requests);
			assertThat(this.statistics.count(Count.DECODE_ERRORS)).isZero();
		}
	}

	@Test
	void answersTheFirstRefusalAndDropsEverythingPipelinedBehindIt() {
		try (EmbeddedConnection connection = new EmbeddedConnection(this.statistics)) {
			connection.send(GET + "GET /plaintext HTTP/1.1\r\n\r\n" + GET);
			List<EmbeddedConnection.Response> responses = connection.responses();
			assertThat(responses).extracting(EmbeddedConnection.Response::status).containsExactly(200, 400);
			assertThat(responses.get(1).headers()).containsEntry("connection", "close");
			assertThat(responses.get(1).body()).isEqualTo(Refusal.HOST.body());
			assertThat(connection.isOpen()).isFalse();
			assertThat(this.statistics.count(Refusal.HOST)).isOne();
			assertThat(this.statistics.count(Count.REQUESTS)).isEqualTo(2);
		}
	}

	@Test
	void countsTheBytesOfBothDirections() {
		try (EmbeddedConnection connection = new EmbeddedConnection(this.statistics)) {
			connection.send(GET, GET);
			List<EmbeddedConnection.Response> responses = connection.responses();
			assertThat(responses).hasSize(2);
			assertThat(this.statistics.count(Count.BYTES_READ)).isEqualTo(2L * GET.length());
			assertThat(this.statistics.count(Count.BYTES_WRITTEN)).isEqualTo(connection.bytesWritten());
		}
	}

}
