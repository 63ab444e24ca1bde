package io.zokio.engine.pipeline;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseKindTests {

	@Test
	void tellsASizedBodyFromAnOpenOne() {
		HttpResponse sized = head(HttpResponseStatus.OK);
		sized.headers().set(HttpHeaderNames.CONTENT_LENGTH, 5);
		HttpResponse chunked = head(HttpResponseStatus.OK);
		chunked.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
		assertThat(ResponseKind.of(sized)).isEqualTo(ResponseKind.SIZED);
		assertThat(ResponseKind.of(chunked)).isEqualTo(ResponseKind.OPEN);
		assertThat(ResponseKind.of(head(HttpResponseStatus.OK))).isEqualTo(ResponseKind.OPEN);
		assertThat(ResponseKind.of(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
				Unpooled.EMPTY_BUFFER))).isEqualTo(ResponseKind.SIZED);
		assertThat(ResponseKind.SIZED.isStream()).isFalse();
		assertThat(ResponseKind.OPEN.isStream()).isFalse();
	}

	@Test
	void takesServerSentEventsAndUpgradesForStreams() {
		HttpResponse events = head(HttpResponseStatus.OK);
		events.headers().set(HttpHeaderNames.CONTENT_TYPE, "Text/Event-Stream;charset=UTF-8");
		HttpResponse json = head(HttpResponseStatus.OK);
		json.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
		json.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2);
		assertThat(ResponseKind.of(events)).isEqualTo(ResponseKind.EVENT_STREAM);
		assertThat(ResponseKind.of(head(HttpResponseStatus.SWITCHING_PROTOCOLS))).isEqualTo(ResponseKind.UPGRADE);
		assertThat(ResponseKind.of(json)).isEqualTo(ResponseKind.SIZED);
		assertThat(ResponseKind.EVENT_STREAM.isStream()).isTrue();
		assertThat(ResponseKind.UPGRADE.isStream()).isTrue();
	}

	private static HttpResponse head(HttpResponseStatus status) {
		return new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
	}

}
