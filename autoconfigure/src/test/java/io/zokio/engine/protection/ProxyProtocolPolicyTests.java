package io.zokio.engine.protection;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.AttributeKey;
import io.zokio.engine.pipeline.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which peers' PROXY protocol headers a policy takes.
 */
class ProxyProtocolPolicyTests {

	@ParameterizedTest(name = "{0} in {1}: {2}")
	@CsvSource(textBlock = """
			10.1.2.3,      10.0.0.0/8,      true
			11.1.2.3,      10.0.0.0/8,      false
			192.168.7.200, 192.168.7.192/27, true
			192.168.7.100, 192.168.7.192/27, false
			127.0.0.1,     127.0.0.1,       true
			127.0.0.2,     127.0.0.1,       false
			::1,           ::1,             true
			2001:db8::5,   2001:db8::/32,   true
			2001:db9::5,   2001:db8::/32,   false
			10.1.2.3,      ::/0,            false
			8.8.8.8,       0.0.0.0/0,       true
			""")
	void trustsAPeerInsideARangeOnly(String peer, String range, boolean trusted) {
		ProxyProtocolPolicy policy = ProxyProtocolPolicy.of("on", List.of(range));
		assertThat(policy.trusts(new InetSocketAddress(peer, 4000))).isEqualTo(trusted);
	}

	@Test
	void trustsEveryPeerWhenNoRangeIsGiven() {
		assertThat(ProxyProtocolPolicy.of("auto", List.of()).trusts(new InetSocketAddress("203.0.113.9", 1))).isTrue();
		assertThat(ProxyProtocolPolicy.OFF.isOn()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/33", "example.com", "10.0.0/8", "::1/129", "10.0.0.0/x", "" })
	void refusesWhatIsNeitherAnAddressNorARange(String source) {
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyProtocolPolicy.of("on", List.of(source)));
	}

	@Test
	void refusesAndCountsAConnectionOnlyWhenAnUntrustedPeersHeaderWasTaken() {
		ProxyProtocolPolicy policy = ProxyProtocolPolicy.of("auto", List.of("10.0.0.0/8"));
		EmbeddedChannel withoutHeader = new EmbeddedChannel();
		assertThat(policy.check(withoutHeader)).isNull();
		EmbeddedChannel withHeader = new EmbeddedChannel();
		withHeader.attr(AttributeKey.<InetSocketAddress>valueOf("remoteAddressFromProxyProtocol"))
			.set(InetSocketAddress.createUnresolved("203.0.113.7", 41234));
		assertThat(policy.check(withHeader)).isEqualTo(Refusal.UNTRUSTED_PROXY);
		assertThat(policy.untrustedRefusals()).isOne();
		assertThat(ProxyProtocolPolicy.of("auto", List.of()).check(withHeader)).isNull();
		withoutHeader.finishAndReleaseAll();
		withHeader.finishAndReleaseAll();
	}

}
