package io.qingstor.installer.core.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.store.CorruptStateException;
import io.qingstor.installer.core.store.DataDirLock;
import io.qingstor.installer.core.store.DurableFiles;
import io.qingstor.installer.core.store.FileOps;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import io.qingstor.installer.core.store.StateTooLargeException;
import io.qingstor.installer.core.store.StepLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The embedded default store: one data directory (mode 0700) of JSON state files (mode 0600),
 * each replaced atomically and durably, and one append-only log per job step.
 *
 * <pre>
 * platform.json            the platform record
 * configs/000001.json      every accepted config, by version
 * nodes.json, users.json   the node inventory (with SSH credentials) and the users (verifiers)
 * jobs/&lt;job_id&gt;/job.json   a job record
 * jobs/&lt;job_id&gt;/step-N.log one step's log lines
 * secrets.json             the plan secrets generated for the platform
 * artifacts/&lt;name&gt;         rendered env file (secret entries sealed) and inventory,
 *                          fetched files
 * jobs/&lt;job_id&gt;/work/      the work directory of the job's firstbox steps
 * lock                     held while an installer has the directory open
 * </pre>
 *
 * <p>The store holds the directory's {@code lock} file until closed: a second installer on the
 * same directory refuses to start instead of overwriting this one's state.
 *
 * <p>A state file that exists but cannot be read makes the load fail with a
 * {@link CorruptStateException} naming it: the store never starts silently empty.
 */
public final class FileStateStore implements StateStore {
  private static final Path PLATFORM = Path.of("platform.json");
  private static final Path NODES = Path.of("nodes.json");
  private static final Path USERS = Path.of("users.json");
  private static final Path CONFIGS = Path.of("configs");
  private static final Path JOBS = Path.of("jobs");
  private static final Path ARTIFACTS = Path.of("artifacts");
  // Plan secrets sit beside nodes.json (which holds SSH credentials) with its protection: 0600
  // in a 0700 directory, and every value sealed.
  private static final Path SECRETS = Path.of("secrets.json");
  /** The default key file, in the data directory but never in a state file. */
  public static final String DEFAULT_KEY_FILE = "secret.key";
  /** The fields sealed wherever they appear in a state file (nodes, configs). */
  private static final Set<String> SECRET_FIELDS =
      Set.of("ssh_password", "ssh_key", "become_password", "ansible_ssh_pass");

  private final DurableFiles files;
  private final DataDirLock lock;
  private final ObjectMapper mapper;
  private final SecretBox box;
  private final Map<Path, StepLog> openLogs = new ConcurrentHashMap<>();

  /**
   * Opens (creating if needed) the data directory and removes temp files a crash left behind;
   * secrets are sealed under the key in {@code <data>/secret.key}, created on first start.
   */
  public FileStateStore(Path dataDir) {
    this(dataDir, FileOps.real());
  }

  /** Opens the data directory with secrets sealed under the key in {@code keyFile}. */
  public FileStateStore(Path dataDir, Path keyFile) {
    this(dataDir, FileOps.real(), keyFile);
  }

  /** Opens the data directory with the given file operations (fault-injection seam). */
  public FileStateStore(Path dataDir, FileOps ops) {
    this(dataDir, ops, dataDir.resolve(DEFAULT_KEY_FILE));
  }

  /**
   * Opens the data directory with the given file operations and key file.
   *
   * @throws IllegalStateException naming the key file when it holds no valid key
   */
  public FileStateStore(Path dataDir, FileOps ops, Path keyFile) {
    this.files = new DurableFiles(dataDir, ops);
    // Taken before the temp files go: they may be another live installer's writes in progress.
    this.lock = DataDirLock.acquire(files.root());
    try {
      files.removeLeftoverTempFiles();
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot open data directory " + dataDir, io)
          : (RuntimeException) e;
    }
    this.mapper = JsonCodec.newMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    try {
      this.box = SecretBox.openOrCreate(keyFile);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The data directory. */
  public Path root() {
    return files.root();
  }

  @Override
  public Optional<PlatformRecord> loadPlatform() {
    return read(PLATFORM, new TypeReference<PlatformRecord>() {});
  }

  @Override
  public void savePlatform(PlatformRecord platform) {
    write(PLATFORM, platform);
  }

  @Override
  public void saveConfig(int version, PlatformConfig config) {
    Path file = configFile(version);
    write(file, config);
  }

  @Override
  public Optional<PlatformConfig> loadConfig(int version) {
    return read(configFile(version), new TypeReference<PlatformConfig>() {});
  }

  @Override
  public List<NodeRecord> loadNodes() {
    return read(NODES, new TypeReference<List<NodeRecord>>() {}).orElse(List.of());
  }

  @Override
  public void saveNodes(List<NodeRecord> nodes) {
    write(NODES, nodes);
  }

  @Override
  public List<UserRecord> loadUsers() {
    return read(USERS, new TypeReference<List<UserRecord>>() {}).orElse(List.of());
  }

  @Override
  public void saveUsers(List<UserRecord> users) {
    write(USERS, users);
  }

  @Override
  public List<JobRecord> loadJobs() {
    try {
      Path jobsDir = files.root().resolve(JOBS);
      if (!Files.isDirectory(jobsDir)) {
        return List.of();
      }
      List<JobRecord> jobs = new ArrayList<>();
      try (var dirs = Files.list(jobsDir)) {
        for (Path dir : (Iterable<Path>) dirs::iterator) {
          read(JOBS.resolve(dir.getFileName()).resolve("job.json"),
              new TypeReference<JobRecord>() {}).ifPresent(jobs::add);
        }
      }
      return jobs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + files.root().resolve(JOBS), e);
    }
  }

  @Override
  public void saveJob(JobRecord job) {
    write(JOBS.resolve(job.jobId()).resolve("job.json"), job);
  }

  @Override
  public void appendLog(String jobId, int step, LogEntry entry) {
    Path file = logFile(jobId, step);
    try {
      openLogs.computeIfAbsent(file, f -> openForAppend(f)).append(entry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  @Override
  public void syncStepLog(String jobId, int step) {
    StepLog log = openLogs.remove(logFile(jobId, step));
    if (log == null) {
      return;
    }
    try (log) {
      log.sync();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync the log of " + jobId + " step " + step, e);
    }
  }

  @Override
  public LogPage readLog(String jobId, int step, long offset, int limit) {
    Path file = logFile(jobId, step);
    try {
      if (!Files.exists(file)) {
        return new LogPage(List.of(), offset, 0);
      }
      return StepLog.read(file, offset, limit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void saveArtifact(String name, String content) {
    try {
      files.write(ARTIFACTS.resolve(name),
          SecretEntries.seal(content, SECRET_FIELDS, box).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write artifact " + name, e);
    }
  }

  @Override
  public Optional<String> loadArtifact(String name) {
    try {
      return files.read(ARTIFACTS.resolve(name)).map(b ->
          SecretEntries.open(new String(b, StandardCharsets.UTF_8), SECRET_FIELDS, box));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + name, e);
    }
  }

  @Override
  public void saveArtifact(String name, byte[] content) {
    try {
      files.write(ARTIFACTS.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write artifact " + name, e);
    }
  }

  @Override
  public void deleteArtifacts() {
    Path root = artifactsDirectory();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(root)) {
          Files.delete(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the artifacts in " + root, e);
    }
  }

  @Override
  public Path artifactsDirectory() {
    return directory(ARTIFACTS);
  }

  @Override
  public Path workDirectory(String jobId) {
    return directory(JOBS.resolve(jobId).resolve("work"));
  }

  @Override
  public Map<String, String> loadSecrets() {
    return read(SECRETS, new TypeReference<Map<String, String>>() {}).orElse(Map.of());
  }

  @Override
  public void saveSecrets(Map<String, String> secrets) {
    write(SECRETS, secrets);
  }

  /**
   * Rewrites every state file that holds secrets (nodes, configs, plan secrets, text artifacts
   * with a sealed entry), so each value is sealed under the key file's first key; returns how many
   * files it rewrote.
   */
  public int resealSecrets() {
    int rewritten = 0;
    Optional<List<NodeRecord>> nodes = read(NODES, new TypeReference<List<NodeRecord>>() {});
    if (nodes.isPresent()) {
      saveNodes(nodes.get());
      rewritten++;
    }
    Optional<Map<String, String>> secrets =
        read(SECRETS, new TypeReference<Map<String, String>>() {});
    if (secrets.isPresent()) {
      saveSecrets(secrets.get());
      rewritten++;
    }
    List<Path> configs;
    try {
      configs = files.list(CONFIGS, "[0-9][0-9][0-9][0-9][0-9][0-9].json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + files.root().resolve(CONFIGS), e);
    }
    for (Path config : configs) {
      write(config, read(config, new TypeReference<PlatformConfig>() {}).orElseThrow());
      rewritten++;
    }
    return rewritten + resealArtifacts();
  }

  /** Rewrites each artifact holding a sealed entry (the env file); a clear one is left as it is. */
  private int resealArtifacts() {
    Path root = artifactsDirectory();
    int rewritten = 0;
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path file : tree.filter(Files::isRegularFile).sorted().toList()) {
        if (SecretEntries.holdsSealed(file, SECRET_FIELDS)) {
          String name = root.relativize(file).toString();
          saveArtifact(name, loadArtifact(name).orElseThrow());
          rewritten++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reseal the artifacts in " + root, e);
    }
    return rewritten;
  }

  @Override
  public void close() {
    try (lock) {
      for (Path file : List.copyOf(openLogs.keySet())) {
        StepLog log = openLogs.remove(file);
        try (log) {
          log.sync();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot close " + file, e);
        }
      }
    }
  }

  private Path directory(Path relative) {
    try {
      return files.directory(relative);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + files.root().resolve(relative), e);
    }
  }

  /** A step's log; its directory exists (0700) since the job record was saved there first. */
  private Path logFile(String jobId, int step) {
    return files.root().resolve(JOBS).resolve(jobId).resolve("step-" + step + ".log");
  }

  private static StepLog openForAppend(Path file) {
    try {
      return StepLog.openForAppend(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  private static Path configFile(int version) {
    return CONFIGS.resolve(String.format("%06d.json", version));
  }

  private <T> Optional<T> read(Path relative, TypeReference<T> type) {
    Optional<byte[]> bytes;
    try {
      bytes = files.read(relative);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.root().resolve(relative), e);
    }
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    T value;
    try {
      JsonNode tree = mapper.readTree(bytes.get());
      seal(tree, relative.equals(SECRETS), box::open);
      value = mapper.readerFor(type).readValue(tree);
    } catch (IOException e) {
      throw corrupt(relative, "cannot parse: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    // JSON null parses without error but is no record: a damaged file, not an absent one.
    if (value == null || value instanceof Collection<?> c && c.stream().anyMatch(Objects::isNull)) {
      throw corrupt(relative, "holds null where a record belongs", null);
    }
    return Optional.of(value);
  }

  private CorruptStateException corrupt(Path relative, String why, Exception cause) {
    return new CorruptStateException(files.root().resolve(relative), why + ". Restore it from a"
        + " backup or move it away; the server will not start on partial state.", cause);
  }

  /**
   * Replaces each secret string in {@code tree} by {@code how} of it: every secret field, and
   * every top-level value of the plan secrets file ({@code all}).
   */
  private static void seal(JsonNode tree, boolean all, UnaryOperator<String> how) {
    if (tree instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (child.isTextual() && (all || SECRET_FIELDS.contains(name))) {
          object.put(name, how.apply(child.textValue()));
        } else if (!all) {
          seal(child, false, how);
        }
      }
    } else if (tree instanceof ArrayNode array) {
      array.forEach(child -> seal(child, false, how));
    }
  }

  private void write(Path relative, Object value) {
    try {
      JsonNode tree = mapper.valueToTree(value);
      seal(tree, relative.equals(SECRETS), box::seal);
      files.write(relative, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
    } catch (StateTooLargeException e) {
      throw new QsApiException(RetCode.INVALID_REQUEST, "the state would be too large to read"
          + " back: " + e.getMessage() + "; remove nodes or configs, or change less at once");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + files.root().resolve(relative), e);
    }
  }
}
