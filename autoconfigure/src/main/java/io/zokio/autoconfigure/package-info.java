/**
 * Auto-configuration of the Zokio engine for Spring Boot's Reactor Netty server.
 */
package io.zokio.autoconfigure;
