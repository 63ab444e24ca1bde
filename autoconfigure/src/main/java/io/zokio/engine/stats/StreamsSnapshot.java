package io.zokio.engine.stats;

/**
 * The streams among a server's exchanges: server-sent events and upgraded connections from their
 * response head on, responses of unknown length once they outlast the stream threshold.
 *
 * @param count streams since start
 * @param active event streams and upgraded connections open now (a response of unknown length is
 * known as a stream only when it ends)
 * @param durationMicros the summed duration of ended streams, in microseconds
 */
public record StreamsSnapshot(long count, long active, long durationMicros) {

}
