package io.zokio.engine.buffer;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;

/**
 * The memory the JVM and its container allow, as seen at startup.
 *
 * @param maxDirectMemory the direct memory limit ({@code io.netty.maxDirectMemory}, else the JVM's
 * {@code -XX:MaxDirectMemorySize})
 * @param usedDirectMemory direct memory already in use
 * @param maxHeapMemory the heap limit
 * @param containerLimit the cgroup memory limit, or {@code -1} when there is none
 */
public record MemoryLimits(long maxDirectMemory, long usedDirectMemory, long maxHeapMemory, long containerLimit) {

	/**
	 * Memory outside heap and buffer pool that a small WebFlux server needs (metaspace, code cache,
	 * thread stacks, the JDK's own direct buffers), kept out of the container budget.
	 */
	static final long NON_HEAP_RESERVE = 96L * 1024 * 1024;

	private static final Path CGROUP_V2_LIMIT = Path.of("/sys/fs/cgroup/memory.max");

	private static final Path CGROUP_V1_LIMIT = Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes");

	private static final long UNLIMITED_CGROUP_V1 = Long.MAX_VALUE / 2;

	private static final @Nullable BufferPoolMXBean JDK_DIRECT_BUFFERS = ManagementFactory
		.getPlatformMXBeans(BufferPoolMXBean.class)
		.stream()
		.filter((pool) -> "direct".equals(pool.getName()))
		.findFirst()
		.orElse(null);

	/**
	 * Read the limits of this JVM and its container.
	 * @return the limits
	 */
	public static MemoryLimits detect() {
		return new MemoryLimits(PlatformDependent.maxDirectMemory(), usedDirectMemoryNow(),
				Runtime.getRuntime().maxMemory(),
				containerLimit(CGROUP_V2_LIMIT, CGROUP_V1_LIMIT));
	}

	/**
	 * Return the direct memory still available.
	 * @return the available direct memory
	 */
	public long availableDirectMemory() {
		return Math.max(0, this.maxDirectMemory - this.usedDirectMemory);
	}

	/**
	 * Return the memory the container leaves for direct buffers once heap and non-heap reserve are
	 * counted.
	 * @return the container's room for direct memory, or {@link Long#MAX_VALUE} without a container
	 * limit
	 */
	public long containerRoom() {
		if (this.containerLimit < 0) {
			return Long.MAX_VALUE;
		}
		return Math.max(0, this.containerLimit - this.maxHeapMemory - NON_HEAP_RESERVE);
	}

	/**
	 * Return the direct memory in use now: the larger of the JDK's count (buffers it allocated) and
	 * Netty's own (when it tracks direct memory itself).
	 * @return the bytes in use
	 */
	static long usedDirectMemoryNow() {
		long jdk = (JDK_DIRECT_BUFFERS != null) ? Math.max(0, JDK_DIRECT_BUFFERS.getMemoryUsed()) : 0;
		return Math.max(jdk, PlatformDependent.usedDirectMemory());
	}

	static long containerLimit(Path v2, Path v1) {
		long limit = readLimit(v2);
		if (limit < 0) {
			limit = readLimit(v1);
		}
		return (limit >= UNLIMITED_CGROUP_V1) ? -1 : limit;
	}

	private static long readLimit(Path file) {
		try {
			String text = Files.readString(file).trim();
			return "max".equals(text) ? -1 : Long.parseLong(text);
		}
		catch (IOException | NumberFormatException | SecurityException ex) {
			return -1;
		}
	}

}
