/**
 * The one shape of Zokio's staged selections (transport, TLS implementation, and any other native
 * part that can fail to load): candidates tried in order, each through its stages, every attempt
 * recorded with its stage, cause and time, one report of what runs and why the others did not,
 * and one exception when nothing acceptable could be used.
 */
@NullMarked
package io.zokio.engine.selection;

import org.jspecify.annotations.NullMarked;
