package io.zokio.engine.limits;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.CloseReasons;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ZokioPipeline;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one connection, driven by what the pipeline's two seats see. On HTTP/1.1: the first
 * byte of a request starts the header deadline, a request with a body starts the body deadline
 * (renewed by each read), a response is checked for progress towards the client, folded header
 * lines, a missing or repeated {@code Host}, unknown versions and oversized bodies are refused. On
 * HTTP/2: a header block or frame header that stalls past the header deadline, or a frame payload
 * that stalls past the body deadline, cuts the connection; each stream has its own body deadline
 * and size limit ({@link StreamGuard}). Behind a PROXY protocol balancer, the PROXY header (and
 * the TLS handshake after it) must bring the connection's first byte to this guard within the
 * header timeout from the connection's start, or it is cut as {@link CloseReason#PROXY_PROTOCOL}.
 * Deadlines are only written here; the {@link DeadlineSweeper}
 * of the connection's event loop checks them, so no timer is scheduled per request. Used on the
 * connection's event loop only.
 */
final class ConnectionGuard implements ConnectionListener, ExchangeListener {

	private final Channel channel;

	private final GuardSettings settings;

	private final ServerConnections connections;

	private final Set<StreamGuard> streams = new HashSet<>();

	private final RequestFraming framing = new RequestFraming();

	private long firstByteDeadlineNanos;

	private Mode mode = Mode.UNKNOWN;

	private @Nullable Exchange exchange;

	private @Nullable Http2FrameScanner frames;

	private int bytesBeforeProtocol;

	private boolean readingHeaders;

	private boolean bodyPending;

	private boolean responding;

	private boolean exchangeOpen;

	private long bodyBytes;

	private long headerDeadlineNanos;

	private long bodyDeadlineNanos;

	private long writeCheckNanos;

	private long lastProgressNanos;

	private long lastPendingBytes = -1;

	private long writesSinceCheck;

	private boolean sourceChecked;

	ConnectionGuard(Channel channel, GuardSettings settings, ServerConnections connections) {
		this.channel = channel;
		this.settings = settings;
		this.connections = connections;
		if (settings.proxyHeaderFirst()) {
			this.firstByteDeadlineNanos = deadline(System.nanoTime(), settings.requestHeaderNanos());
		}
	}

	@Override
	public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
		clearDeadlines();
		this.readingHeaders = false;
		if (protocol == HttpProtocol.HTTP_1_1) {
			this.mode = Mode.HTTP_1_1;
			return;
		}
		this.mode = Mode.HTTP_2;
		this.exchangeOpen = false;
		this.bodyPending = false;
		this.responding = false;
		this.frames = new Http2FrameScanner(upgraded ? 0 : this.bytesBeforeProtocol);
		if (!upgraded && this.bytesBeforeProtocol > 0) {
			this.headerDeadlineNanos = deadline(System.nanoTime(), this.settings.requestHeaderNanos());
		}
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		this.exchange = exchange;
		return this;
	}

	@Override
	public ExchangeListener streamOpened(Exchange exchange) {
		StreamGuard stream = new StreamGuard(this, exchange, this.settings);
		this.streams.add(stream);
		return stream;
	}

	void streamClosed(StreamGuard stream) {
		this.streams.remove(stream);
	}

	/**
	 * Start the header deadline on the first byte of a request, renew the body deadline, and follow
	 * the framing of the requests ({@link RequestFraming}).
	 * @param bytes bytes just read
	 * @return the refusal if they fold a field line or break a chunked body
	 */
	@Override
	public @Nullable Refusal bytesRead(ByteBuf bytes) {
		this.firstByteDeadlineNanos = 0;
		if (!this.sourceChecked) {
			this.sourceChecked = true;
			Refusal untrusted = this.connections.proxyProtocol().check(this.channel);
			if (untrusted != null) {
				return untrusted;
			}
		}
		switch (this.mode) {
			case UNKNOWN -> {
				this.bytesBeforeProtocol += bytes.readableBytes();
				if (this.headerDeadlineNanos == 0) {
					this.headerDeadlineNanos = deadline(System.nanoTime(), this.settings.requestHeaderNanos());
				}
				return null;
			}
			case HTTP_2 -> {
				http2BytesRead(bytes);
				return null;
			}
			case HTTP_1_1 -> {
				return http11BytesRead(bytes);
			}
			default -> {
				return null;
			}
		}
	}

	private @Nullable Refusal http11BytesRead(ByteBuf bytes) {
		if (isWaiting()) {
			this.readingHeaders = true;
			this.headerDeadlineNanos = deadline(System.nanoTime(), this.settings.requestHeaderNanos());
		}
		else if (this.bodyPending) {
			this.bodyDeadlineNanos = deadline(System.nanoTime(), this.settings.requestBodyNanos());
		}
		return this.framing.read(bytes);
	}

	private void http2BytesRead(ByteBuf bytes) {
		Http2FrameScanner scanner = this.frames;
		if (scanner == null) {
			return;
		}
		scanner.read(bytes);
		long now = System.nanoTime();
		if (!scanner.headersPending()) {
			this.headerDeadlineNanos = 0;
		}
		else if (this.headerDeadlineNanos == 0) {
			this.headerDeadlineNanos = deadline(now, this.settings.requestHeaderNanos());
		}
		this.bodyDeadlineNanos = scanner.payloadPending() ? deadline(now, this.settings.requestBodyNanos()) : 0;
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		this.exchangeOpen = true;
		this.readingHeaders = false;
		this.headerDeadlineNanos = 0;
		this.bodyPending = !complete;
		this.bodyBytes = 0;
		this.bodyDeadlineNanos = complete ? 0 : deadline(System.nanoTime(), this.settings.requestBodyNanos());
		Refusal refusal = refusal(request);
		return (refusal != null) ? refusal : bodyRefusal(request, this.settings);
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		this.bodyBytes += content.content().readableBytes();
		if (last) {
			this.bodyPending = false;
			this.bodyDeadlineNanos = 0;
		}
		return tooLarge(this.bodyBytes + this.framing.extensionBytes(), this.settings) ? Refusal.CONTENT_TOO_LARGE
				: null;
	}

	static @Nullable Refusal bodyRefusal(HttpRequest request, GuardSettings settings) {
		if (settings.maxRequestBodyBytes() < 0 || request.decoderResult().isFailure()) {
			return null;
		}
		long declared = HttpUtil.getContentLength(request, -1L);
		return tooLarge(declared, settings) ? Refusal.CONTENT_TOO_LARGE : null;
	}

	static boolean tooLarge(long bytes, GuardSettings settings) {
		return settings.maxRequestBodyBytes() >= 0 && bytes > settings.maxRequestBodyBytes();
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
	private static @Nullable Refusal refusal(HttpRequest request) {
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

	@Override
	public boolean responseStarted(int status) {
		if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			this.mode = Mode.OFF;
			clearDeadlines();
			return false;
		}
		long now = System.nanoTime();
		this.responding = true;
		this.lastProgressNanos = now;
		this.lastPendingBytes = -1;
		this.writesSinceCheck = 0;
		this.writeCheckNanos = deadline(now, this.settings.writeCheckIntervalNanos());
		if (this.connections.isShuttingDown()) {
			CloseReasons.mark(this.channel, CloseReason.SHUTDOWN);
			return true;
		}
		return false;
	}

	@Override
	public void responseContent() {
		this.writesSinceCheck++;
	}

	@Override
	public void responseEnded(boolean written) {
		this.responding = false;
		this.exchangeOpen = false;
		this.writeCheckNanos = 0;
		if (this.connections.isShuttingDown()) {
			close(CloseReason.SHUTDOWN);
		}
	}

	void shutdown() {
		if (this.mode == Mode.HTTP_2) {
			CloseReasons.mark(this.channel, CloseReason.SHUTDOWN);
		}
		else if (this.mode != Mode.OFF && isWaiting()) {
			close(CloseReason.SHUTDOWN);
		}
	}

	private boolean isWaiting() {
		return !this.readingHeaders && !this.exchangeOpen && !this.bodyPending && !this.responding;
	}

	/**
	 * Act on every deadline that has come due.
	 * @param now the current {@link System#nanoTime()}
	 */
	void check(long now) {
		if (this.mode == Mode.OFF || !this.channel.isActive()) {
			return;
		}
		if (due(this.firstByteDeadlineNanos, now)) {
			this.firstByteDeadlineNanos = 0;
			cut(CloseReason.PROXY_PROTOCOL);
			return;
		}
		if (this.mode == Mode.HTTP_2) {
			checkHttp2(now);
			return;
		}
		if (due(this.headerDeadlineNanos, now) || due(this.bodyDeadlineNanos, now)) {
			clearDeadlines();
			refuse(Refusal.REQUEST_TIMEOUT);
			return;
		}
		if (due(this.writeCheckNanos, now)) {
			checkWriteProgress(now);
		}
	}

	private void checkHttp2(long now) {
		if (due(this.headerDeadlineNanos, now) || due(this.bodyDeadlineNanos, now)) {
			clearDeadlines();
			cut(CloseReason.REQUEST_TIMEOUT);
			return;
		}
		if (!this.streams.isEmpty()) {
			for (StreamGuard stream : this.streams.toArray(StreamGuard[]::new)) {
				stream.check(now);
			}
		}
	}

	private void refuse(Refusal refusal) {
		Exchange exchanges = this.exchange;
		if (exchanges != null && this.mode == Mode.HTTP_1_1) {
			exchanges.refuse(refusal);
			return;
		}
		cut(refusal.closeReason());
	}

	private void cut(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
		ChannelHandlerContext seat = this.channel.pipeline().context(ZokioPipeline.CONNECTION_HANDLER);
		if (seat != null) {
			seat.close();
		}
		else {
			this.channel.close();
		}
	}

	private void checkWriteProgress(long now) {
		ChannelOutboundBuffer outbound = this.channel.unsafe().outboundBuffer();
		long pending = (outbound != null) ? outbound.totalPendingWriteBytes() : 0;
		if (pending == 0 || pending != this.lastPendingBytes || this.writesSinceCheck > 0) {
			this.lastProgressNanos = now;
		}
		this.lastPendingBytes = pending;
		this.writesSinceCheck = 0;
		if (now - this.lastProgressNanos >= this.settings.writeNanos()) {
			close(CloseReason.REQUEST_TIMEOUT);
			return;
		}
		this.writeCheckNanos = deadline(now, this.settings.writeCheckIntervalNanos());
	}

	private void close(CloseReason reason) {
		clearDeadlines();
		CloseReasons.mark(this.channel, reason);
		this.channel.close();
	}

	private void clearDeadlines() {
		this.headerDeadlineNanos = 0;
		this.bodyDeadlineNanos = 0;
		this.writeCheckNanos = 0;
	}

	@Override
	public void closed() {
		this.streams.clear();
	}

	static long deadline(long now, long timeoutNanos) {
		return (timeoutNanos != 0) ? now + timeoutNanos : 0;
	}

	static boolean due(long deadline, long now) {
		return deadline != 0 && now - deadline >= 0;
	}

	private enum Mode {

		UNKNOWN, HTTP_1_1, HTTP_2, OFF

	}

}
