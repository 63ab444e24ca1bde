/**
 * Strict HTTP/1.1: the framing of requests followed in their bytes before Netty's decoder (no
 * folded field lines, well-formed chunks, bounded chunk extensions), and the rules of a decoded
 * request head (version, {@code Host}, request target, methods and transfer codings the server
 * implements), each answered with the status RFC 9112 and RFC 9110 name.
 */
@NullMarked
package io.zokio.engine.conformance;

import org.jspecify.annotations.NullMarked;
