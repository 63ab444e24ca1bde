package io.zokio.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * The meters of the Zokio engine.
 */
public enum ZokioMeters implements MeterDocumentation {

	/**
	 * Live connections of the application server.
	 */
	CONNECTIONS_ACTIVE {
		@Override
		public String getName() {
			return "zokio.connections.active";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.CONNECTIONS;
		}
	},

	/**
	 * Live connections per state.
	 */
	CONNECTIONS_STATES {
		@Override
		public String getName() {
			return "zokio.connections.states";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.CONNECTIONS;
		}

		@Override
		public KeyName[] getKeyNames() {
			return StateKeyNames.values();
		}
	},

	/**
	 * Connections accepted since start, including rejected ones.
	 */
	CONNECTIONS_ACCEPTED {
		@Override
		public String getName() {
			return "zokio.connections.accepted";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.CONNECTIONS;
		}
	},

	/**
	 * Connections closed since start, per reason.
	 */
	CONNECTIONS_CLOSED {
		@Override
		public String getName() {
			return "zokio.connections.closed";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.CONNECTIONS;
		}

		@Override
		public KeyName[] getKeyNames() {
			return ReasonKeyNames.values();
		}
	},

	/**
	 * Requests received since start.
	 */
	REQUESTS {
		@Override
		public String getName() {
			return "zokio.requests";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}
	},

	/**
	 * Requests received and not yet answered.
	 */
	REQUESTS_ACTIVE {
		@Override
		public String getName() {
			return "zokio.requests.active";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}
	},

	/**
	 * Requests that could not be decoded.
	 */
	REQUESTS_DECODE_ERRORS {
		@Override
		public String getName() {
			return "zokio.requests.decode.errors";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}
	},

	/**
	 * Request latency percentiles over the sliding window, from the first request byte read to the
	 * last response byte written.
	 */
	REQUESTS_LATENCY {
		@Override
		public String getName() {
			return "zokio.requests.latency";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public String getBaseUnit() {
			return "seconds";
		}

		@Override
		public KeyName[] getKeyNames() {
			return QuantileKeyNames.values();
		}
	},

	/**
	 * Responses since start, per status class.
	 */
	RESPONSES {
		@Override
		public String getName() {
			return "zokio.responses";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public KeyName[] getKeyNames() {
			return StatusKeyNames.values();
		}
	},

	/**
	 * Bytes read from the application server's sockets.
	 */
	BYTES_READ {
		@Override
		public String getName() {
			return "zokio.bytes.read";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.BYTES;
		}
	},

	/**
	 * Bytes written to the application server's sockets.
	 */
	BYTES_WRITTEN {
		@Override
		public String getName() {
			return "zokio.bytes.written";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.BYTES;
		}
	},

	/**
	 * Memory the buffer pool reserved at startup and keeps.
	 */
	BUFFER_POOL_PREALLOCATED {
		@Override
		public String getName() {
			return "zokio.buffer.pool.preallocated";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.BYTES;
		}
	},

	/**
	 * Requests and connections refused because direct memory ran out.
	 */
	BUFFER_POOL_EXHAUSTED {
		@Override
		public String getName() {
			return "zokio.buffer.pool.exhausted";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.COUNTER;
		}
	},

	/**
	 * Memory the buffer pool holds now, from the allocator's own metrics.
	 */
	BUFFER_POOL_USED {
		@Override
		public String getName() {
			return "zokio.buffer.pool.used";
		}

		@Override
		public Meter.Type getType() {
			return Meter.Type.GAUGE;
		}

		@Override
		public String getBaseUnit() {
			return BaseUnits.BYTES;
		}
	};

	enum StateKeyNames implements KeyName {

		/**
		 * Connection state: accepted, reading, processing, writing or idle.
		 */
		STATE {
			@Override
			public String asString() {
				return "state";
			}
		}

	}

	enum ReasonKeyNames implements KeyName {

		/**
		 * Close reason: client, server, idleTimeout, requestTimeout, error, rejected or shutdown.
		 */
		REASON {
			@Override
			public String asString() {
				return "reason";
			}
		}

	}

	enum StatusKeyNames implements KeyName {

		/**
		 * Status class: 1xx, 2xx, 3xx, 4xx or 5xx.
		 */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		}

	}

	enum QuantileKeyNames implements KeyName {

		/**
		 * Quantile: 0.5, 0.9, 0.99, 0.999 or 1.0 (the maximum).
		 */
		QUANTILE {
			@Override
			public String asString() {
				return "quantile";
			}
		}

	}

}
