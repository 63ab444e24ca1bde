-- Prints wrk's results as one JSON line, with the latency percentiles wrk's own report leaves out.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, errors, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
