package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.state.StateStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accepted configs by version, read from the store once each: a version's config does not
 * change once a job uses it, so status and node views never parse a config file again. Saves go
 * through here too, so the memory follows a version that is written again (a config whose job
 * could not be created). Thread-safe.
 */
final class ConfigVersions {
  private final StateStore store;
  private final Map<Integer, PlatformConfig> byVersion = new ConcurrentHashMap<>();

  ConfigVersions(StateStore store) {
    this.store = store;
  }

  /** The config of {@code version}; empty for version 0 (none yet) or one the store lacks. */
  Optional<PlatformConfig> find(int version) {
    if (version <= 0) {
      return Optional.empty();
    }
    PlatformConfig known = byVersion.get(version);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<PlatformConfig> loaded = store.loadConfig(version);
    loaded.ifPresent(config -> byVersion.putIfAbsent(version, config));
    return loaded;
  }

  /** The config of {@code version}, which a job uses and so must exist. */
  PlatformConfig require(int version) {
    return find(version).orElseThrow(() -> new IllegalStateException(
        "config version " + version + " is missing from the store"));
  }

  /**
   * The {@code ansible_ssh_pass} of every config read or saved so far (a running job's among
   * them), which logs must never show. Lock-free: asked for each log line.
   */
  List<String> ansibleSshPasswords() {
    return byVersion.values().stream().map(c -> c.qsConf().ansibleSshPass())
        .filter(Objects::nonNull).distinct().toList();
  }

  /** Writes {@code config} as {@code version} (durably, before returning) and remembers it. */
  void save(int version, PlatformConfig config) {
    byVersion.remove(version);
    store.saveConfig(version, config);
    byVersion.put(version, config);
  }
}
