package io.zokio.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.zokio.engine.warmup.Warmup;
import io.zokio.engine.warmup.WarmupReport;
import io.zokio.engine.warmup.WarmupTarget;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Runs the warm-up first among the application's runners: after the context has started and the
 * server listens, before Boot publishes {@code ApplicationReadyEvent} and readiness becomes
 * {@code ACCEPTING_TRAFFIC}, so that readiness refuses traffic for as long as it lasts. A run that
 * exits on refresh (Boot's AOT cache and CDS training) never gets here. The application's shutdown
 * cancels it.
 */
final class ZokioWarmupRunner implements ApplicationRunner, ApplicationListener<ContextClosedEvent>, Ordered {

	private final Warmup warmup;

	private final ZokioProperties properties;

	private final ServerProperties serverProperties;

	private final ApplicationContext context;

	ZokioWarmupRunner(Warmup warmup, ZokioProperties properties, ServerProperties serverProperties,
			ApplicationContext context) {
		this.warmup = warmup;
		this.properties = properties;
		this.serverProperties = serverProperties;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		WebServer server = (this.context instanceof WebServerApplicationContext web) ? web.getWebServer() : null;
		if (server == null || server.getPort() <= 0) {
			return;
		}
		InetAddress address = this.serverProperties.getAddress();
		InetAddress host = (address == null || address.isAnyLocalAddress()) ? InetAddress.getLoopbackAddress() : address;
		WarmupTarget target = new WarmupTarget(new InetSocketAddress(host, server.getPort()),
				Ssl.isEnabled(this.serverProperties.getSsl()), this.serverProperties.getHttp2().isEnabled(),
				this.properties.getProxyProtocol().getMode() == ZokioProperties.ProxyProtocol.Mode.ON);
		WarmupReport report = this.warmup.run(target);
		if (report.state().isFailure() && this.properties.getWarmup().isRequired()) {
			throw new WarmupFailedException(report);
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.warmup.cancel();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
