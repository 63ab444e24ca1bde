package io.zokio.engine.protection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * Whose PROXY protocol headers a server takes: off, required from every connection ({@code on}), or
 * taken when present ({@code auto}); and from which sources. A header is taken only from a peer in
 * one of the trusted ranges (every peer when none is given): a connection from any other peer that
 * sent one is refused before its first request reaches the application, and counted.
 */
public final class ProxyProtocolPolicy {

	/**
	 * No PROXY protocol.
	 */
	public static final ProxyProtocolPolicy OFF = new ProxyProtocolPolicy("off", List.of());

	private static final AttributeKey<InetSocketAddress> TAKEN = AttributeKey.valueOf("remoteAddressFromProxyProtocol");

	private final String mode;

	private final List<IpRange> trustedSources;

	private final LongAdder untrusted = new LongAdder();

	private ProxyProtocolPolicy(String mode, List<IpRange> trustedSources) {
		this.mode = mode;
		this.trustedSources = List.copyOf(trustedSources);
	}

	/**
	 * Create a policy.
	 * @param mode {@code off}, {@code on} or {@code auto}
	 * @param trustedSources addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}) whose
	 * headers are taken; empty to take every peer's
	 * @return the policy
	 * @throws IllegalArgumentException if a source is neither an IP address nor a CIDR range
	 */
	public static ProxyProtocolPolicy of(String mode, List<String> trustedSources) {
		List<IpRange> ranges = new ArrayList<>(trustedSources.size());
		for (String source : trustedSources) {
			ranges.add(IpRange.parse(source));
		}
		return new ProxyProtocolPolicy(mode, ranges);
	}

	/**
	 * Return whether connections may start with a PROXY protocol header.
	 * @return whether the mode is {@code on} or {@code auto}
	 */
	public boolean isOn() {
		return !"off".equals(this.mode);
	}

	/**
	 * Return the mode.
	 * @return {@code off}, {@code on} or {@code auto}
	 */
	public String mode() {
		return this.mode;
	}

	/**
	 * Return the trusted ranges, as configured.
	 * @return the ranges, empty when every peer is trusted
	 */
	public List<String> trustedSources() {
		return this.trustedSources.stream().map(IpRange::toString).toList();
	}

	/**
	 * Return whether a peer's header would be taken.
	 * @param peer the connection's remote address
	 * @return whether the peer is in a trusted range, or no range is given
	 */
	public boolean trusts(@Nullable SocketAddress peer) {
		if (this.trustedSources.isEmpty()) {
			return true;
		}
		if (!(peer instanceof InetSocketAddress address) || address.getAddress() == null) {
			return false;
		}
		byte[] bytes = address.getAddress().getAddress();
		return this.trustedSources.stream().anyMatch((range) -> range.contains(bytes));
	}

	/**
	 * Check a connection once its first application bytes arrive, after any header was taken.
	 * @param channel the connection
	 * @return {@link Refusal#UNTRUSTED_PROXY} when an untrusted peer's header was taken, else
	 * {@code null}
	 */
	@Nullable Refusal check(Channel channel) {
		if (this.trustedSources.isEmpty() || !channel.hasAttr(TAKEN) || channel.attr(TAKEN).get() == null
				|| trusts(channel.remoteAddress())) {
			return null;
		}
		this.untrusted.increment();
		return Refusal.UNTRUSTED_PROXY;
	}

	/**
	 * Return the number of connections refused for a header from an untrusted peer.
	 * @return the refusals
	 */
	public long untrustedRefusals() {
		return this.untrusted.sum();
	}

	private record IpRange(byte[] network, int prefix, String text) {

		static IpRange parse(String text) {
			String trimmed = text.trim();
			int slash = trimmed.indexOf('/');
			String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
			byte[] network = NetUtil.createByteArrayFromIpAddressString(address);
			if (network == null) {
				throw new IllegalArgumentException("'" + text + "' is neither an IP address nor a CIDR range");
			}
			int bits = network.length * 8;
			int prefix;
			try {
				prefix = (slash < 0) ? bits : Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0 to " + bits);
			}
			return new IpRange(network, prefix, trimmed);
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int whole = this.prefix / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = 0xff << (8 - rest);
			return (address[whole] & mask) == (this.network[whole] & mask);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
