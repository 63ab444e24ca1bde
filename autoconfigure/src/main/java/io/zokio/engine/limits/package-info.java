/**
 * Protection against slow, excessive and malformed clients: a connection limit, request header,
 * body and write timeouts, strict HTTP/1.1 checks, and a graceful shutdown that closes keep-alive
 * connections.
 */
package io.zokio.engine.limits;
