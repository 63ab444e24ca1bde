package io.zokio.autoconfigure;

import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.tls.TlsSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the TLS implementation of the application's server: staged selection of
 * native OpenSSL or the JDK, applied to Boot's own SSL configuration. Does nothing on a server
 * without SSL.
 */
@AutoConfiguration(after = ZokioAutoConfiguration.class)
@ConditionalOnZokioServer
@EnableConfigurationProperties(ZokioProperties.class)
public final class ZokioTlsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TlsSelector tlsSelector(ZokioProperties properties) {
		ZokioProperties.Tls tls = properties.getTls();
		return new TlsSelector(new TlsSettings(tls.getProvider(), tls.isRequireNative(), tls.getHandshakeTimeout()));
	}

	@Bean
	TlsWebServerFactoryCustomizer tlsWebServerFactoryCustomizer(TlsSelector tlsSelector) {
		return new TlsWebServerFactoryCustomizer(tlsSelector);
	}

}
