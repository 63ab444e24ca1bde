package io.zokio.engine.transport;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the JVM has done to warm itself up so far: the classes it loaded and the time its JIT
 * compilers spent (zero where the JVM does not measure it).
 *
 * @param loadedClasses the classes loaded since the JVM started
 * @param compilationMillis the milliseconds spent compiling since the JVM started
 */
record JvmActivity(long loadedClasses, long compilationMillis) {

	static final JvmActivity NONE = new JvmActivity(0, 0);

	private static final CompilationMXBean COMPILATION = ManagementFactory.getCompilationMXBean();

	static JvmActivity now() {
		long compilation = (COMPILATION != null && COMPILATION.isCompilationTimeMonitoringSupported())
				? COMPILATION.getTotalCompilationTime() : 0;
		return new JvmActivity(ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(), compilation);
	}

	JvmActivity since(JvmActivity earlier) {
		return new JvmActivity(this.loadedClasses - earlier.loadedClasses,
				this.compilationMillis - earlier.compilationMillis);
	}

}
