/**
 * The server pipeline: where Zokio's two handlers sit in each protocol layout Reactor Netty
 * builds, and the listener SPI through which statistics, protection and the memory guard see each
 * connection and exchange. Depends on none of the capabilities it serves.
 */
@NullMarked
package io.zokio.engine.pipeline;

import org.jspecify.annotations.NullMarked;
