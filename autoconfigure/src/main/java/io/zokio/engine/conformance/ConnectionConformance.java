package io.zokio.engine.conformance;

import java.util.Iterator;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import org.jspecify.annotations.Nullable;

/**
 * The conformance of one connection's HTTP/1.1 requests: their framing in the bytes as they arrive
 * ({@link RequestFraming}), the rules of each decoded head, and chunk extensions counted toward the
 * body limit. Follows nothing once the connection speaks HTTP/2 or switched protocols. Used on the
 * connection's event loop only.
 */
final class ConnectionConformance implements ConnectionListener, ExchangeListener {

	private final RequestFraming framing;

	private final long maxRequestBodySize;

	private boolean http11;

	private long bodyBytes;

	private boolean requestDecoded;

	ConnectionConformance(long maxRequestBodySize, int maxLineLength) {
		this.maxRequestBodySize = maxRequestBodySize;
		this.framing = new RequestFraming(maxLineLength);
	}

	@Override
	public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
		this.http11 = protocol == HttpProtocol.HTTP_1_1;
	}

	@Override
	public @Nullable Refusal bytesRead(ByteBuf bytes) {
		return this.http11 ? this.framing.read(bytes) : null;
	}

	@Override
	public ByteBuf decoding(ByteBuf bytes) {
		return this.http11 ? this.framing.decoding(bytes) : bytes;
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		return this;
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		if (this.requestDecoded) {
			this.framing.nextRequestDecoded();
		}
		this.requestDecoded = true;
		this.bodyBytes = 0;
		return refusal(request);
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		this.bodyBytes += content.content().readableBytes();
		long extensionBytes = this.framing.extensionBytes();
		return (extensionBytes > 0 && this.maxRequestBodySize >= 0
				&& this.bodyBytes + extensionBytes > this.maxRequestBodySize) ? Refusal.CONTENT_TOO_LARGE : null;
	}

	@Override
	public boolean responseStarted(int status, ResponseKind kind) {
		if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			this.http11 = false;
		}
		return false;
	}

	@Override
	public void closed() {
		this.http11 = false;
	}

	/**
	 * Return why a decoded HTTP/1.1 request head is refused, if it is: a version other than 1.0 and
	 * 1.1 ({@link Refusal#VERSION_NOT_SUPPORTED}), or one not spelled exactly {@code HTTP/1.x}
	 * (HTTP-name is case-sensitive, RFC 9112 section 2.3: Netty's decoder returns its own constants
	 * for the exact spellings and a new instance for any other, such as {@code http/1.1}), an
	 * invalid {@code Host}, a request target outside its forms, {@code CONNECT}, and a transfer
	 * coding other than {@code chunked}.
	 * @param request the request head
	 * @return the refusal, or {@code null}
	 */
	static @Nullable Refusal refusal(HttpRequest request) {
		if (request.decoderResult().isFailure()) {
			return null;
		}
		HttpVersion version = request.protocolVersion();
		boolean http11 = version.majorVersion() == 1 && version.minorVersion() == 1;
		boolean http10 = version.majorVersion() == 1 && version.minorVersion() == 0;
		if (!http11 && !http10) {
			return Refusal.VERSION_NOT_SUPPORTED;
		}
		if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
			return Refusal.VERSION;
		}
		HttpHeaders headers = request.headers();
		Iterator<? extends CharSequence> hosts = headers.valueCharSequenceIterator(HttpHeaderNames.HOST);
		CharSequence host = hosts.hasNext() ? hosts.next() : null;
		if (hosts.hasNext() || ((host != null) ? !RequestSyntax.isHost(host) : http11)) {
			return Refusal.HOST;
		}
		if (request.method() == HttpMethod.CONNECT) {
			return Refusal.NOT_IMPLEMENTED;
		}
		if (!RequestSyntax.isTarget(request.method(), request.uri())) {
			return Refusal.TARGET;
		}
		boolean chunkedOnly = !headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || RequestSyntax.isChunkedOnly(headers);
		return chunkedOnly ? null : Refusal.NOT_IMPLEMENTED;
	}

}
