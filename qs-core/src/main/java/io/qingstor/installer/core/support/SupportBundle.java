package io.qingstor.installer.core.support;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.WireTime;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.state.UserRecord;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds the support bundle of {@code GetSupportBundle}: a tar.gz under {@code qs-support/}
 * holding {@code versions.json}, the state ({@code state/platform.json}, {@code nodes.json},
 * {@code users.json}, {@code secrets.json} with names only, {@code configs/<version>.json}),
 * every job's {@code jobs/<id>/job.json} and the last {@link #LOG_LINES} lines of each of its
 * step logs, and the files the host adds (the server's options and log tail). Every secret is
 * replaced by {@code ***}: by field name in the JSON files, and by value in every file, which
 * also catches one that leaked into a log line. Reads the store without locking it (its files
 * are replaced atomically and its logs are append-only).
 */
public final class SupportBundle {
  /** How many of the last lines of each step log the bundle keeps. */
  public static final int LOG_LINES = 200;
  private static final String ROOT = "qs-support/";

  private final StateStore store;
  private final ObjectMapper mapper = JsonCodec.newMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** A bundle builder over {@code store}. */
  public SupportBundle(StateStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * Builds the bundle.
   *
   * @param versions what runs (installer, plan...), written beside the JVM's and OS's versions
   * @param extras files the host adds, redacted like the rest
   * @param extraSecrets secrets only the host knows (a TLS password), replaced wherever found
   * @param now the bundle's time
   * @return the tar.gz bytes
   */
  public byte[] build(Map<String, String> versions, List<SupportFile> extras,
      Collection<String> extraSecrets, Instant now) {
    List<NodeRecord> nodes = store.loadNodes();
    List<JobRecord> jobs = store.loadJobs();
    Optional<PlatformRecord> platform = store.loadPlatform();
    Map<Integer, PlatformConfig> configs = configs(platform, jobs);
    Map<String, String> secrets = store.loadSecrets();
    SecretRedactor redactor = new SecretRedactor(secretValues(nodes, configs, secrets,
        extraSecrets));
    TarGz tar = new TarGz(now);
    Writer out = new Writer(tar, redactor);
    out.json("versions.json", versions(versions, now));
    platform.ifPresent(p -> out.json("state/platform.json", p));
    out.json("state/nodes.json", nodes);
    out.json("state/users.json", store.loadUsers().stream().map(SupportBundle::withoutVerifier)
        .toList());
    Map<String, String> secretNames = new LinkedHashMap<>();
    secrets.keySet().forEach(name -> secretNames.put(name, SecretRedactor.MASK));
    out.json("state/secrets.json", secretNames);
    configs.forEach((version, config) -> out.json(
        String.format("state/configs/%06d.json", version), config));
    for (JobRecord job : jobs) {
      out.json("jobs/" + job.jobId() + "/job.json", job);
      for (int step = 0; step < job.steps().size(); step++) {
        out.text("jobs/" + job.jobId() + "/step-" + step + ".log", logTail(job.jobId(), step));
      }
    }
    extras.forEach(file -> out.text(file.path(), file.content()));
    return tar.finish();
  }

  private Map<Integer, PlatformConfig> configs(Optional<PlatformRecord> platform,
      List<JobRecord> jobs) {
    TreeSet<Integer> versions = new TreeSet<>();
    platform.ifPresent(p -> versions.add(p.configVersion()));
    jobs.forEach(j -> versions.add(j.configVersion()));
    Map<Integer, PlatformConfig> configs = new LinkedHashMap<>();
    for (int version : versions) {
      if (version > 0) {
        store.loadConfig(version).ifPresent(c -> configs.put(version, c));
      }
    }
    return configs;
  }

  private static List<String> secretValues(List<NodeRecord> nodes,
      Map<Integer, PlatformConfig> configs, Map<String, String> secrets,
      Collection<String> extraSecrets) {
    List<String> values = new ArrayList<>(extraSecrets);
    nodes.forEach(n -> Stream.of(n.sshPassword(), n.sshKey()).forEach(values::add));
    configs.values().forEach(c -> values.add(c.qsConf().ansibleSshPass()));
    values.addAll(secrets.values());
    return values;
  }

  private static Map<String, String> versions(Map<String, String> versions, Instant now) {
    Map<String, String> all = new LinkedHashMap<>(versions);
    all.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
        + ")");
    all.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    all.put("bundle_time", WireTime.format(now));
    return all;
  }

  private static Map<String, Object> withoutVerifier(UserRecord user) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("user_id", user.userId());
    shown.put("role", user.role());
    shown.put("create_time", WireTime.format(user.createTime()));
    return shown;
  }

  /** The last {@link #LOG_LINES} lines of a step's log, one "time node stream text" per line. */
  private String logTail(String jobId, int step) {
    long total = store.readLog(jobId, step, 0, 1).totalLines();
    LogPage page = store.readLog(jobId, step, Math.max(0, total - LOG_LINES), LOG_LINES);
    StringBuilder text = new StringBuilder();
    if (total > LOG_LINES) {
      text.append("(the first ").append(total - LOG_LINES).append(" of ").append(total)
          .append(" lines are left out)\n");
    }
    for (LogEntry line : page.lines()) {
      text.append(WireTime.format(line.time())).append(' ')
          .append(line.node() == null ? "-" : line.node()).append(' ').append(line.stream())
          .append(' ').append(line.text()).append('\n');
    }
    return text.toString();
  }

  /** Writes redacted files into the archive. */
  private final class Writer {
    private final TarGz tar;
    private final SecretRedactor redactor;

    Writer(TarGz tar, SecretRedactor redactor) {
      this.tar = tar;
      this.redactor = redactor;
    }

    void json(String path, Object value) {
      try {
        JsonNode masked = redactor.json(mapper.valueToTree(value));
        text(path, mapper.writeValueAsString(masked) + "\n");
      } catch (JsonProcessingException | IllegalArgumentException e) {
        text(path + ".error", "cannot write " + path + ": " + e.getClass().getSimpleName());
      }
    }

    void text(String path, String content) {
      tar.add(ROOT + path, redactor.text(content).getBytes(StandardCharsets.UTF_8));
    }
  }
}
