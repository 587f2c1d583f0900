package io.qingstor.installer.core.plan;

import io.qingstor.installer.core.job.JobType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads plans from YAML:
 *
 * <pre>
 * version: reference-1
 * jobs:
 *   deploy:
 *     - name: push-config
 *       title: Push the env file and role file to every node
 *       targets: all          # all | access | storage | firstbox | new
 *       timeout: 60s          # s, m or h; default 300s
 *       retries: 1            # default 0
 *       parallelism: 64       # default 32
 *       run: |
 *         mkdir -p "$qs_root/etc"
 * </pre>
 *
 * Job types are {@code config, deploy, scale_access, scale_storage, collect_nodes}. A step has
 * {@code run} (a POSIX shell script) or {@code builtin} ({@code render-config},
 * {@code collect-facts}). Unknown keys are errors, so a typo never silently changes a plan.
 */
public final class PlanLoader {
  /** The builtins the engine performs itself. */
  public static final Set<String> BUILTINS = Set.of("render-config", "collect-facts");

  private static final Set<String> STEP_KEYS =
      Set.of("name", "title", "targets", "run", "builtin", "timeout", "retries", "parallelism",
          "rerun");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})(s|m|h)");

  private PlanLoader() {}

  /** The reference plan shipped with the core. */
  public static Plan reference() {
    try (InputStream in = PlanLoader.class.getResourceAsStream("reference-plan.yml")) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "reference-plan.yml");
    } catch (IOException e) {
      throw new PlanException("cannot read the reference plan", e);
    }
  }

  /** Loads a plan file. */
  public static Plan load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new PlanException("cannot read plan " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses plan YAML.
   *
   * @throws PlanException naming {@code source}, the step and the field that are wrong
   */
  public static Plan parse(String yaml, String source) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new PlanException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    Map<?, ?> top = map(root, source);
    Object version = top.get("version");
    Map<?, ?> jobs = map(top.get("jobs"), source + ": jobs");
    Map<JobType, List<PlanStep>> parsed = new EnumMap<>(JobType.class);
    for (Map.Entry<?, ?> job : jobs.entrySet()) {
      JobType type = jobType(String.valueOf(job.getKey()), source);
      parsed.put(type, steps(job.getValue(), source + ": jobs." + type.wireName()));
    }
    return new Plan(version == null ? "unversioned" : String.valueOf(version), parsed);
  }

  private static List<PlanStep> steps(Object value, String where) {
    if (!(value instanceof List)) {
      throw new PlanException(where + ": must be a list of steps");
    }
    List<PlanStep> steps = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<?> list = (List<?>) value;
    for (int i = 0; i < list.size(); i++) {
      PlanStep step = step(map(list.get(i), where + "[" + i + "]"), where + "[" + i + "]");
      if (!names.add(step.name())) {
        throw new PlanException(where + "[" + i + "].name: duplicate step name " + step.name());
      }
      steps.add(step);
    }
    return steps;
  }

  private static PlanStep step(Map<?, ?> step, String where) {
    for (Object key : step.keySet()) {
      if (!STEP_KEYS.contains(String.valueOf(key))) {
        throw new PlanException(where + "." + key + ": unknown key; expected one of "
            + new java.util.TreeSet<>(STEP_KEYS));
      }
    }
    String name = string(step, "name", where, true);
    if (!NAME.matcher(name).matches()) {
      throw new PlanException(where + ".name: must match " + NAME.pattern());
    }
    String run = string(step, "run", where, false);
    String builtin = string(step, "builtin", where, false);
    if ((run == null) == (builtin == null)) {
      throw new PlanException(where + ": needs exactly one of run or builtin");
    }
    if (builtin != null && !BUILTINS.contains(builtin)) {
      throw new PlanException(where + ".builtin: unknown builtin " + builtin + "; expected one of "
          + new java.util.TreeSet<>(BUILTINS));
    }
    String title = step.containsKey("title") ? string(step, "title", where, true) : name;
    return new PlanStep(name, title, targets(step, where), run, builtin,
        duration(step.get("timeout"), where + ".timeout"),
        integer(step.get("retries"), 0, 0, 10, where + ".retries"),
        integer(step.get("parallelism"), 32, 1, 1024, where + ".parallelism"),
        rerunAll(step, where));
  }

  /** {@code rerun: all}: a resume runs the step on every node; absent: where it did not complete. */
  private static boolean rerunAll(Map<?, ?> step, String where) {
    String value = string(step, "rerun", where, false);
    if (value != null && !value.equals("all")) {
      throw new PlanException(where + ".rerun: must be all (or absent: a resume reruns the step"
          + " only on the nodes where it did not complete)");
    }
    return value != null;
  }

  private static Targets targets(Map<?, ?> step, String where) {
    String value = string(step, "targets", where, true);
    for (Targets t : Targets.values()) {
      if (t.wireName().equals(value)) {
        return t;
      }
    }
    throw new PlanException(where + ".targets: must be one of all, access, storage, firstbox, new");
  }

  private static JobType jobType(String key, String source) {
    for (JobType type : JobType.values()) {
      if (type.wireName().equals(key)) {
        return type;
      }
    }
    throw new PlanException(source + ": jobs." + key
        + ": unknown job type; expected config, deploy, scale_access, scale_storage, collect_nodes");
  }

  private static Duration duration(Object value, String where) {
    if (value == null) {
      return Duration.ofSeconds(300);
    }
    Matcher m = DURATION.matcher(String.valueOf(value));
    if (!m.matches()) {
      throw new PlanException(where + ": must be like 30s, 5m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "s": return Duration.ofSeconds(amount);
      case "m": return Duration.ofMinutes(amount);
      default: return Duration.ofHours(amount);
    }
  }

  private static int integer(Object value, int dflt, int min, int max, String where) {
    if (value == null) {
      return dflt;
    }
    if (!(value instanceof Integer) || (Integer) value < min || (Integer) value > max) {
      throw new PlanException(where + ": must be an integer from " + min + " to " + max);
    }
    return (Integer) value;
  }

  private static String string(Map<?, ?> map, String key, String where, boolean required) {
    Object value = map.get(key);
    if (value == null) {
      if (required) {
        throw new PlanException(where + "." + key + ": required");
      }
      return null;
    }
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw new PlanException(where + "." + key + ": must be a non-empty string");
    }
    return (String) value;
  }

  private static Map<?, ?> map(Object value, String where) {
    if (!(value instanceof Map)) {
      throw new PlanException(where + ": must be a mapping");
    }
    return (Map<?, ?>) value;
  }
}
