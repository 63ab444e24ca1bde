package io.zokio.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Matches a reactive web application on Boot's Reactor Netty server with Zokio enabled
 * ({@code zokio.enabled}, true unless set to false).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class, ReactorResourceFactory.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "zokio.enabled", matchIfMissing = true)
public @interface ConditionalOnZokioServer {

}
