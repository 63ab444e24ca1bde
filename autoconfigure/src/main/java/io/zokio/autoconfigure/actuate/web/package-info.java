/**
 * Auto-configuration of the management server's child context: the management server runs on
 * Zokio's event loops.
 */
@NullMarked
package io.zokio.autoconfigure.actuate.web;

import org.jspecify.annotations.NullMarked;
