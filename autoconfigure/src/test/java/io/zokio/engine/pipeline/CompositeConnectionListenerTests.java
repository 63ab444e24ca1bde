package io.zokio.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.zokio.test.Exchanges;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeConnectionListenerTests {

	private static final HttpRequest REQUEST = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");

	@ParameterizedTest(name = "{0} listeners")
	@ValueSource(ints = { 1, 2, 3, 4, 5, 7 })
	void callsEveryListenerInOrderAndReturnsTheFirstRefusal(int count) {
		List<String> calls = new ArrayList<>();
		List<ConnectionListener> listeners = IntStream.range(0, count)
			.mapToObj((i) -> (ConnectionListener) new Recording(i, calls, (i >= count / 2) ? Refusal.values()[i % 3] : null,
					false))
			.toList();
		ConnectionListener composite = CompositeConnectionListener.of(listeners);
		ByteBuf bytes = Unpooled.buffer(1);
		Refusal refusal = composite.bytesRead(bytes);
		bytes.release();
		composite.closed();
		assertThat(refusal).isEqualTo(Refusal.values()[(count / 2) % 3]);
		List<String> expected = new ArrayList<>();
		IntStream.range(0, count).forEach((i) -> expected.add(i + " read"));
		IntStream.range(0, count).forEach((i) -> expected.add(i + " closed"));
		assertThat(calls).containsExactlyElementsOf(expected);
	}

	@ParameterizedTest(name = "{0} listeners")
	@ValueSource(ints = { 1, 2, 3, 4, 5, 7 })
	void composesTheExchangeListenersOfThoseThatHaveOneInOrder(int count) {
		List<String> calls = new ArrayList<>();
		List<ConnectionListener> listeners = IntStream.range(0, count)
			.mapToObj((i) -> (ConnectionListener) new Recording(i, calls, exchangeRefusal(i), i == count - 1))
			.toList();
		ExchangeListener exchanges = CompositeConnectionListener.of(listeners).http11Exchanges(Exchanges.NONE);
		Refusal refusal = exchanges.requestReceived(REQUEST, true);
		boolean close = exchanges.responseStarted(200, ResponseKind.SIZED);
		List<Integer> withExchanges = IntStream.range(0, count).filter(Recording::hasExchanges).boxed().toList();
		assertThat(calls).containsExactlyElementsOf(withExchanges.stream().map((i) -> i + " request").toList());
		assertThat(refusal).isEqualTo(withExchanges.stream().map(CompositeConnectionListenerTests::exchangeRefusal)
			.filter((r) -> r != null).findFirst().orElse(null));
		assertThat(close).isEqualTo(withExchanges.contains(count - 1));
	}

	private static @Nullable Refusal exchangeRefusal(int index) {
		return (index >= 2) ? Refusal.values()[index % Refusal.values().length] : null;
	}

	@ParameterizedTest(name = "{0} listeners")
	@ValueSource(ints = { 0, 1 })
	void returnsNoneOrTheOnlyListenerWithoutWrapping(int count) {
		List<ConnectionListener> listeners = IntStream.range(0, count)
			.mapToObj((i) -> (ConnectionListener) new Recording(i, new ArrayList<>(), null, false))
			.toList();
		ConnectionListener composite = CompositeConnectionListener.of(listeners);
		assertThat(composite).isSameAs((count == 0) ? ConnectionListener.NONE : listeners.get(0));
	}

	/**
	 * A listener that records its calls in a list shared with the others. Those whose index leaves
	 * one when divided by three have no exchange listener.
	 */
	private static final class Recording implements ConnectionListener {

		private final int index;

		private final List<String> calls;

		private final @Nullable Refusal refusal;

		private final boolean closes;

		Recording(int index, List<String> calls, @Nullable Refusal refusal, boolean closes) {
			this.index = index;
			this.calls = calls;
			this.refusal = refusal;
			this.closes = closes;
		}

		static boolean hasExchanges(int index) {
			return index % 3 != 1;
		}

		@Override
		public @Nullable Refusal bytesRead(ByteBuf bytes) {
			this.calls.add(this.index + " read");
			return this.refusal;
		}

		@Override
		public void closed() {
			this.calls.add(this.index + " closed");
		}

		@Override
		public ExchangeListener http11Exchanges(Exchange exchange) {
			if (!hasExchanges(this.index)) {
				return ExchangeListener.NONE;
			}
			return new ExchangeListener() {

				@Override
				public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
					Recording.this.calls.add(Recording.this.index + " request");
					return Recording.this.refusal;
				}

				@Override
				public boolean responseStarted(int status, ResponseKind kind) {
					return Recording.this.closes;
				}

			};
		}

	}

}
