package io.zokio.autoconfigure;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.zokio.engine.transport.EpollDefaultLoops;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * What Zokio does when turned off ({@code zokio.enabled=false}): gives the application the server
 * plain Spring Boot would run. The starter puts Netty's io_uring transport on the class path, and
 * Reactor Netty runs its default loops on io_uring whenever it loads; where epoll loads too, Boot's
 * global Reactor Netty resources get {@link EpollDefaultLoops}, as they would without the starter.
 */
@AutoConfiguration
@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class, ReactorResourceFactory.class,
		Epoll.class, IoUring.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "zokio.enabled", havingValue = false)
public final class ZokioOffAutoConfiguration {

	@Bean
	static BeanPostProcessor zokioPlainBootLoops() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof ReactorResourceFactory factory && factory.isUseGlobalResources()
						&& EpollDefaultLoops.differFromReactorNetty()) {
					HttpResources.set(new EpollDefaultLoops());
				}
				return bean;
			}

		};
	}

}
