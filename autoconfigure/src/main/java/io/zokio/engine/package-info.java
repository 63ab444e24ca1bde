/**
 * The Zokio engine: transport selection, buffer pool, connection statistics and limits.
 * Nothing in this package or below it depends on Spring.
 */
@NullMarked
package io.zokio.engine;

import org.jspecify.annotations.NullMarked;
