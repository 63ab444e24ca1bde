package io.zokio.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.overload.OverloadParticipant;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the adaptive overload protection of the application's server, when
 * {@code zokio.overload.limit} names an algorithm: a {@link ConcurrencyLimit} built from Netflix's
 * concurrency-limits, and the participant that holds every request to it.
 */
@AutoConfiguration(after = ZokioAutoConfiguration.class)
@ConditionalOnZokioServer
@ConditionalOnClass(SimpleLimiter.class)
@Conditional(ZokioOverloadAutoConfiguration.OnLimit.class)
@EnableConfigurationProperties(ZokioProperties.class)
public final class ZokioOverloadAutoConfiguration {

	@Bean
	ConcurrencyLimit concurrencyLimit(ZokioProperties properties, Environment environment) {
		OverloadProperties overload = properties.getOverload();
		List<String> exemptPaths = overload.getExemptPaths();
		if (exemptPaths.isEmpty()) {
			exemptPaths = List.of(HealthPath.of(environment));
		}
		return new ConcurrencyLimit(overload.getLimit().name().toLowerCase(Locale.ROOT), limit(overload),
				exemptPaths, System::nanoTime);
	}

	@Bean
	@Order(1)
	OverloadParticipant overloadParticipant(ConcurrencyLimit concurrencyLimit) {
		return new OverloadParticipant(concurrencyLimit);
	}

	static Limit limit(OverloadProperties overload) {
		return switch (overload.getLimit()) {
			case GRADIENT2 -> Gradient2Limit.newBuilder()
				.initialLimit(overload.initialLimit())
				.minLimit(overload.minLimit())
				.maxConcurrency(overload.getMaxLimit())
				.queueSize(overload.getGradient2().getQueueSize())
				.rttTolerance(overload.getGradient2().getRttTolerance())
				.smoothing(overload.getGradient2().getSmoothing())
				.longWindow(overload.getGradient2().getLongWindow())
				.build();
			case VEGAS -> VegasLimit.newBuilder()
				.initialLimit(overload.initialLimit())
				.maxConcurrency(overload.getMaxLimit())
				.smoothing(overload.getVegas().getSmoothing())
				.probeMultiplier(overload.getVegas().getProbeMultiplier())
				.build();
			case AIMD -> AIMDLimit.newBuilder()
				.initialLimit(overload.initialLimit())
				.minLimit(overload.minLimit())
				.maxLimit(overload.getMaxLimit())
				.backoffRatio(overload.getAimd().getBackoffRatio())
				.timeout(overload.getAimd().getTimeout().toNanos(), TimeUnit.NANOSECONDS)
				.build();
			case FIXED, OFF -> FixedLimit.of(overload.getMaxLimit());
		};
	}

	/**
	 * Matches when {@code zokio.overload.limit} names an algorithm rather than {@code off}.
	 */
	static final class OnLimit extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			OverloadProperties.Algorithm algorithm = Binder.get(context.getEnvironment())
				.bind("zokio.overload.limit", OverloadProperties.Algorithm.class)
				.orElse(new OverloadProperties().getLimit());
			return (algorithm != OverloadProperties.Algorithm.OFF)
					? ConditionOutcome.match("zokio.overload.limit is " + algorithm)
					: ConditionOutcome.noMatch("zokio.overload.limit is off");
		}

	}

}
