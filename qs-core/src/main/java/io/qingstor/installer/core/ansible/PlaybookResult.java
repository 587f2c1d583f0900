package io.qingstor.installer.core.ansible;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a playbook run ended: each host of its limit, in limit order.
 *
 * @param exitCode ansible-playbook's exit status, or -1 when it did not exit by itself
 */
public record PlaybookResult(Map<String, HostResult> hosts, int exitCode) {
  public PlaybookResult {
    hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
  }

  /** Every host failed with the same reason (the run could not start). */
  static PlaybookResult allFailed(List<String> hosts, HostResult why) {
    Map<String, HostResult> results = new LinkedHashMap<>();
    hosts.forEach(h -> results.put(h, why));
    return new PlaybookResult(results, -1);
  }

  /** The hosts that did not succeed, in limit order. */
  public List<String> failedHosts() {
    return hosts.entrySet().stream().filter(e -> !e.getValue().succeeded())
        .map(Map.Entry::getKey).toList();
  }
}
