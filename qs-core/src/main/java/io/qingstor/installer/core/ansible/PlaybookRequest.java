package io.qingstor.installer.core.ansible;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code ansible-playbook}.
 *
 * @param planDirectory the plan's directory (possibly inside a jar: then copied into the run's
 *     private directory); the playbook runs there
 * @param playbook the playbook's path relative to {@code planDirectory}
 * @param inventory the INI inventory the installer rendered (no secrets)
 * @param hostVars more variables per host (what a run script gets as its variables)
 * @param envVars the env file's variables, given as extra vars (no secrets)
 * @param groupVars variables of group {@code all} (plan defaults a host's own vars override)
 * @param secretVars variables that are secrets (plan secrets), given as extra vars from a
 *     private file and scrubbed from every line
 * @param hosts the credentials of every host that may run
 * @param limit the hosts that run ({@code --limit}); never empty
 * @param extraVars the step's own {@code extra_vars} (win over the env file's)
 * @param check a dry run ({@code --check})
 * @param become run tasks as root ({@code --become}, sudo)
 * @param forks hosts at once ({@code --forks})
 * @param timeout the longest the whole run may take
 */
public record PlaybookRequest(Path planDirectory, String playbook, String inventory,
    Map<String, Object> envVars, Map<String, String> groupVars,
    Map<String, Map<String, String>> hostVars, Map<String, String> secretVars,
    List<AnsibleHost> hosts, List<String> limit, List<String> tags, List<String> skipTags,
    Map<String, Object> extraVars, boolean check, boolean become, int forks, Duration timeout) {
  public PlaybookRequest {
    requireNonNull(planDirectory, "planDirectory");
    requireNonNull(playbook, "playbook");
    requireNonNull(inventory, "inventory");
    requireNonNull(timeout, "timeout");
    envVars = Collections.unmodifiableMap(new LinkedHashMap<>(envVars));
    groupVars = Map.copyOf(groupVars);
    hostVars = Map.copyOf(hostVars);
    secretVars = Map.copyOf(secretVars);
    hosts = List.copyOf(hosts);
    limit = List.copyOf(limit);
    tags = List.copyOf(tags);
    skipTags = List.copyOf(skipTags);
    extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    if (limit.isEmpty()) {
      throw new IllegalArgumentException("a playbook run needs at least one host to limit to");
    }
    if (forks < 1) {
      throw new IllegalArgumentException("forks must be 1 or more, not " + forks);
    }
  }

  /** This run limited to other hosts (a retry of those that failed). */
  public PlaybookRequest limitedTo(List<String> hosts) {
    return new PlaybookRequest(planDirectory, playbook, inventory, envVars, groupVars, hostVars,
        secretVars,
        this.hosts, hosts, tags, skipTags, extraVars, check, become, forks, timeout);
  }
}
