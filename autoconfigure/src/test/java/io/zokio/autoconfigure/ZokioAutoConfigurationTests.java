package io.zokio.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zokio.engine.ZokioEngine;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.MemoryGuardParticipant;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.overload.OverloadParticipant;
import io.zokio.engine.protection.ProtectionParticipant;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsParticipant;
import io.zokio.engine.transport.TransportMode;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.ZokioLoopResources;
import io.zokio.engine.warmup.Warmup;
import io.zokio.engine.warmup.WarmupRequest;
import io.zokio.test.MarkdownBlocks;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ZokioAutoConfigurationTests {

	private static final AutoConfigurations ZOKIO = AutoConfigurations.of(ZokioAutoConfiguration.class,
			ZokioBufferPoolAutoConfiguration.class, ZokioStatisticsAutoConfiguration.class,
			ZokioProtectionAutoConfiguration.class, ZokioPipelineAutoConfiguration.class,
			ZokioOverloadAutoConfiguration.class, ZokioWarmupAutoConfiguration.class, ZokioEngineAutoConfiguration.class,
			NettyReactiveWebServerAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(ZOKIO)
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s", "zokio.buffer-pool.preallocate=0");

	@Test
	void runsBootsServerFactoryOnTheSelectedTransport() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TransportSelector.class).hasSingleBean(ReactorResourceFactory.class);
			ReactorResourceFactory resourceFactory = context.getBean(ReactorResourceFactory.class);
			assertThat(resourceFactory.isUseGlobalResources()).isFalse();
			assertThat(resourceFactory.getLoopResources()).isInstanceOf(ZokioLoopResources.class);
			assertThat(context.getBean(TransportSelector.class).report()).isNotNull();
		});
	}

	@Test
	void appliesTransportProperties() {
		this.contextRunner
			.withPropertyValues("zokio.transport.mode=nio", "zokio.transport.event-loop-threads=3")
			.run((context) -> {
				ZokioLoopResources resources = (ZokioLoopResources) context.getBean(ReactorResourceFactory.class)
					.getLoopResources();
				assertThat(resources.report().mode()).isEqualTo(TransportMode.NIO);
				assertThat(resources.report().transport().id()).isEqualTo("nio");
				assertThat(resources.report().eventLoopThreads()).isEqualTo(3);
			});
	}

	@Test
	void theGettingStartedGuidesTestPropertiesKeepAContextLight() throws Exception {
		String guide = Files.readString(Path.of("..", "docs", "getting-started.md"));
		String yaml = MarkdownBlocks.after(guide, "## In your tests", "```yaml");
		List<String> properties = new ArrayList<>();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("guide",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
			((Map<?, ?>) source.getSource()).forEach((name, value) -> properties.add(name + "=" + value));
		}
		assertThat(properties).hasSize(5);
		new ReactiveWebApplicationContextRunner().withConfiguration(ZOKIO)
			.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BufferPool pool = context.getBean(BufferPool.class);
				assertThat(pool.preallocatedBytes()).isZero();
				assertThat(pool.usedBytes()).isZero();
				ZokioLoopResources resources = (ZokioLoopResources) context.getBean(ReactorResourceFactory.class)
					.getLoopResources();
				assertThat(resources.report().eventLoopThreads()).isOne();
				assertThat(context.getBean(ZokioEventLoops.class).watchdog()).isNull();
			});
	}

	@Test
	void appliesEveryPartByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(BufferPool.class)
			.hasSingleBean(ConnectionStatistics.class)
			.hasSingleBean(ServerConnections.class)
			.hasSingleBean(StatisticsParticipant.class)
			.hasSingleBean(ProtectionParticipant.class)
			.hasSingleBean(MemoryGuardParticipant.class)
			.hasSingleBean(PipelineWebServerFactoryCustomizer.class)
			.hasSingleBean(BufferPoolWebServerFactoryCustomizer.class)
			.hasSingleBean(ProtectionWebServerFactoryCustomizer.class));
	}

	@Test
	void leavesTheOverloadLimitOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ConcurrencyLimit.class).doesNotHaveBean(OverloadParticipant.class);
			assertThat(context.getBean(ZokioEngine.class).overload()).isEmpty();
		});
	}

	@Test
	void limitsRequestsWithTheAlgorithmNamedAndExemptsTheHealthEndpointUnderItsBasePath() {
		this.contextRunner
			.withPropertyValues("zokio.overload.limit=aimd", "zokio.overload.max-limit=50",
					"management.endpoints.web.base-path=/manage/")
			.run((context) -> {
				assertThat(context).hasSingleBean(OverloadParticipant.class);
				ConcurrencyLimit limit = context.getBean(ConcurrencyLimit.class);
				assertThat(limit.algorithm()).isEqualTo("aimd");
				assertThat(limit.limit()).isEqualTo(20);
				assertThat(limit.exemptPaths()).containsExactly("/manage/health");
				assertThat(context.getBean(ZokioEngine.class).overload()).containsSame(limit);
			});
	}

	@Test
	void startsAFixedLimitAtItsMaximumAndTakesTheExemptPathsGiven() {
		this.contextRunner
			.withPropertyValues("zokio.overload.limit=fixed", "zokio.overload.max-limit=7",
					"zokio.overload.exempt-paths=/ping,/status")
			.run((context) -> {
				ConcurrencyLimit limit = context.getBean(ConcurrencyLimit.class);
				assertThat(limit.limit()).isEqualTo(7);
				assertThat(limit.exemptPaths()).containsExactly("/ping", "/status");
			});
	}

	@Test
	void leavesTheWarmupOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(Warmup.class).doesNotHaveBean(ZokioWarmupRunner.class);
			assertThat(context.getBean(ZokioEngine.class).warmup()).isEmpty();
		});
	}

	@Test
	void warmsUpTheHealthEndpointUnderItsBasePathByDefaultAndKeepsWarmupConnectionsOutOfTheStatistics() {
		this.contextRunner
			.withPropertyValues("zokio.warmup.enabled=true", "management.endpoints.web.base-path=/manage")
			.run((context) -> {
				assertThat(context).hasSingleBean(ZokioWarmupRunner.class);
				Warmup warmup = context.getBean(Warmup.class);
				assertThat(context.getBean(ZokioEngine.class).warmup()).containsSame(warmup);
				assertThat(warmup.settings().requests()).extracting(WarmupRequest::toString)
					.containsExactly("GET /manage/health/ping");
				assertThat(warmup.settings().concurrency()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
			});
	}

	@Test
	void backsOffFromStatisticsWhenTheyAreDisabled() {
		this.contextRunner.withPropertyValues("zokio.stats.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionStatistics.class)
				.doesNotHaveBean(StatisticsParticipant.class)
				.hasSingleBean(PipelineWebServerFactoryCustomizer.class)
				.hasSingleBean(TransportSelector.class));
	}

	@Test
	void backsOffFromStatisticsWithoutHdrHistogram() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(org.HdrHistogram.Recorder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionStatistics.class)
				.hasSingleBean(BufferPool.class));
	}

	@Test
	void backsOffWhenUserDefinesEngineParts() {
		this.contextRunner.withUserConfiguration(UserEnginePartsConfiguration.class).run((context) -> {
			assertThat(context.getBean(ConnectionStatistics.class))
				.isSameAs(context.getBean(UserEnginePartsConfiguration.class).statistics);
			assertThat(context.getBean(ServerConnections.class).maxConnections()).isEqualTo(7);
		});
	}

	@Test
	void backsOffWhenUserDefinesReactorResourceFactory() {
		this.contextRunner.withUserConfiguration(UserResourceFactoryConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(TransportSelector.class).hasSingleBean(ConnectionStatistics.class);
			assertThat(context.getBean(ReactorResourceFactory.class))
				.isSameAs(context.getBean(UserResourceFactoryConfiguration.class).resourceFactory);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("zokio.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TransportSelector.class)
				.doesNotHaveBean(BufferPool.class)
				.doesNotHaveBean(ConnectionStatistics.class)
				.doesNotHaveBean(ServerConnections.class);
			assertThat(context.getBean(ReactorResourceFactory.class).getLoopResources())
				.isNotInstanceOf(ZokioLoopResources.class);
		});
	}

	@Test
	void backsOffWhenReactorNettyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TransportSelector.class)
				.doesNotHaveBean(BufferPool.class)
				.doesNotHaveBean(ConnectionStatistics.class));
	}

	@Test
	void backsOffOutsideReactiveWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZokioAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TransportSelector.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEnginePartsConfiguration {

		final ConnectionStatistics statistics = new ConnectionStatistics(java.time.Duration.ofSeconds(5));

		@Bean
		ConnectionStatistics userStatistics() {
			return this.statistics;
		}

		@Bean
		ServerConnections userConnections() {
			return new ServerConnections(7);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserResourceFactoryConfiguration {

		final ReactorResourceFactory resourceFactory = new ReactorResourceFactory();

		@Bean
		ReactorResourceFactory userResourceFactory() {
			return this.resourceFactory;
		}

	}

}
