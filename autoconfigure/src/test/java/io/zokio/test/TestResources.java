package io.zokio.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Servers, connections and executors a test opened, closed in reverse order when it ends.
 */
public final class TestResources implements AutoCloseable {

	private final List<AutoCloseable> resources = new ArrayList<>();

	public <T extends AutoCloseable> T add(T resource) {
		this.resources.add(resource);
		return resource;
	}

	@Override
	public void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		this.resources.clear();
	}

}
