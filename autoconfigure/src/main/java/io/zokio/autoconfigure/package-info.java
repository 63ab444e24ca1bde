/**
 * Auto-configuration of the Zokio engine for Spring Boot's Reactor Netty server.
 */
@NullMarked
package io.zokio.autoconfigure;

import org.jspecify.annotations.NullMarked;
