package io.zokio.autoconfigure.actuate.web;

import io.zokio.autoconfigure.ConditionalOnZokioServer;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Runs the management server ({@code management.server.port}) on the event loops of Zokio's
 * transport. Boot creates the management server's factory afresh in a child context, without the
 * application's {@link ReactorResourceFactory}, so it would otherwise run on Reactor Netty's own
 * loops, on whichever transport Reactor Netty detects, ignoring {@code zokio.transport.*}. Only the
 * loops are shared: the management server's connections are neither guarded nor counted.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnZokioServer
@ConditionalOnBean(TransportSelector.class)
public final class ZokioManagementChildContextConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ZokioManagementChildContextConfiguration.class);

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> zokioManagementTransportCustomizer(
			ReactorResourceFactory resourceFactory, TransportSelector transportSelector) {
		return (factory) -> {
			factory.setResourceFactory(resourceFactory);
			TransportReport report = transportSelector.report();
			if (report != null) {
				logger.info("Zokio transport for the management server: {} (the application server's {} event loop threads)",
						report.transport().id(), report.eventLoopThreads());
			}
		};
	}

}
