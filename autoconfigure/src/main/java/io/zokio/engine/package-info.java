/**
 * The Zokio engine: transport selection, buffer pool, connection statistics and limits.
 * Nothing in this package or below it depends on Spring.
 */
package io.zokio.engine;
