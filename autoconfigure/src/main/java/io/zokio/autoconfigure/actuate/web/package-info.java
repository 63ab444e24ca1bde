/**
 * Auto-configuration of the management server's child context: the management server runs on
 * Zokio's event loops.
 */
package io.zokio.autoconfigure.actuate.web;
