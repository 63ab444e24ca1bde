/**
 * The off-heap buffer pool: built from explicit settings, sized against the memory the JVM and the
 * container really have, pre-allocated before the first request and kept reserved.
 */
@NullMarked
package io.zokio.engine.buffer;

import org.jspecify.annotations.NullMarked;
