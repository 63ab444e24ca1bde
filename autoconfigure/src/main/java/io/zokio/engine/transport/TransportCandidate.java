package io.zokio.engine.transport;

import java.util.Map;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A transport the selector can try: the seam between the staged selection and Netty's transport
 * classes.
 */
public interface TransportCandidate {

	/**
	 * Return the transport this candidate provides.
	 * @return the transport
	 */
	Transport transport();

	/**
	 * Return why the transport cannot load, for the {@link io.zokio.engine.selection.Stage#LOAD} stage.
	 * @return the cause, or {@code null} when the transport's classes and native library loaded
	 */
	@Nullable Throwable unavailabilityCause();

	/**
	 * Return the factory of the I/O handlers the event loops run, for the {@link io.zokio.engine.selection.Stage#INIT}
	 * stage.
	 * @return the I/O handler factory
	 */
	IoHandlerFactory ioHandlerFactory();

	/**
	 * Return the transport's implementation of a channel type.
	 * @param <C> the channel type
	 * @param channelType the channel type asked for ({@code ServerSocketChannel}, {@code SocketChannel},
	 * {@code DatagramChannel}, or a domain socket type)
	 * @return the implementing class
	 */
	<C extends Channel> Class<? extends C> channelClass(Class<C> channelType);

	/**
	 * Return the options each accepted connection needs on this transport.
	 * @return the child channel options, empty for none
	 */
	default Map<ChannelOption<?>, Object> childOptions() {
		return Map.of();
	}

	/**
	 * Return whether the event loops read into provided buffers.
	 * @return whether reads take their buffers from a registered ring
	 */
	default boolean readsIntoProvidedBuffers() {
		return false;
	}

	/**
	 * Create a channel of the given type on this transport.
	 * @param <C> the channel type
	 * @param channelType the channel type asked for
	 * @return a new channel
	 */
	default <C extends Channel> C newChannel(Class<C> channelType) {
		Class<? extends C> channelClass = channelClass(channelType);
		try {
			return channelClass.getConstructor().newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create " + channelClass.getName(), ex);
		}
	}

}
