package io.zokio.sample;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permits of the {@code /pool} route: taken in turn, given to the longest waiting request, and
 * never lost to a request that stopped waiting.
 */
class ConnectionPoolTests {

	@Test
	void grantsFreePermitsAtOnceAndTheRestInTurn() {
		ConnectionPool pool = new ConnectionPool(2);
		List<String> granted = new ArrayList<>();
		for (String request : List.of("a", "b", "c", "d")) {
			pool.acquire().subscribe((permit) -> granted.add(request));
		}
		assertThat(granted).containsExactly("a", "b");
		pool.release();
		assertThat(granted).containsExactly("a", "b", "c");
		pool.release();
		assertThat(granted).containsExactly("a", "b", "c", "d");
	}

	@Test
	void passesOverARequestThatStoppedWaiting() {
		ConnectionPool pool = new ConnectionPool(1);
		List<String> granted = new ArrayList<>();
		pool.acquire().subscribe((permit) -> granted.add("a"));
		Disposable gone = pool.acquire().subscribe((permit) -> granted.add("b"));
		pool.acquire().subscribe((permit) -> granted.add("c"));
		gone.dispose();
		pool.release();
		assertThat(granted).containsExactly("a", "c");
		pool.release();
		pool.acquire().subscribe((permit) -> granted.add("d"));
		assertThat(granted).containsExactly("a", "c", "d");
	}

}
