-- wrk script of the status-polling benchmark (bench/http-status.sh): every request is the
-- authenticated GetDeployQingStorStatus a client polls with, and the run ends with one
-- machine-readable line for io.qingstor.installer.bench.WrkResult.
--
-- Usage: wrk -t2 -c16 -d10s --latency -s bench/status-poll.lua http://127.0.0.1:PORT/ -- USER_ID PASSWORD
-- where PASSWORD is the lowercase hex SHA-256 of the user's password, as on the wire.

function init(args)
  local user, password = args[1], args[2]
  if user == nil or password == nil then
    error("usage: ... -s status-poll.lua URL -- USER_ID PASSWORD_SHA256_HEX")
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = string.format('{"action":"GetDeployQingStorStatus","USER_ID":"%s","PASSWORD":"%s"}',
    user, password)
end

-- Latencies are in microseconds; errors.status counts answers other than 2xx/3xx.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,'
      .. '"max_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,'
      .. '"non_2xx":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, e.connect, e.read, e.write,
    e.timeout, e.status))
end
