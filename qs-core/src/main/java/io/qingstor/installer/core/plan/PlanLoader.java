package io.qingstor.installer.core.plan;

import io.qingstor.installer.api.JobKind;
import io.qingstor.installer.core.job.JobType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads plans: a directory holding {@code plan.yml} and the files it references, or a built-in
 * plan by name. {@code docs/plan-language.md} is the reference of every key; in short:
 *
 * <pre>
 * version: files-1
 * payload_version: "1.0"
 * vars: {s3_port: "8080"}
 * secrets: [{name: s3_secret_key, length: 40, charset: alnum}]
 * access_keys: [{access_key_id: "qingstor:admin", secret: s3_secret_key, port_var: s3_port}]
 * jobs:
 *   deploy:
 *     - name: push-config
 *       targets: all          # all | access | storage | firstbox | new | removed
 *       timeout: 60s          # s, m or h; default 300s
 *       max_failed_nodes: 1   # or max_failed_percent: 10; default: no node may fail
 *       run: |
 *         mkdir -p "$qs_root/etc"
 * </pre>
 *
 * A step has exactly one kind key ({@link #KINDS}). Unknown keys are errors, so a typo never
 * silently changes a plan; every error names the plan file, the step and the key.
 */
public final class PlanLoader {
  /** The builtins the engine performs itself. */
  public static final Set<String> BUILTINS = BuiltinStep.NAMES;

  /** The step kinds, by key. To add a kind, list its syntax here (see {@link StepKindSyntax}). */
  public static final List<StepKindSyntax> KINDS = List.of(new RunSyntax(), new BuiltinSyntax(),
      new UploadSyntax(), new FetchSyntax(), new PlaybookSyntax());

  private static final Set<String> TOP_KEYS = Set.of("version", "payload_version", "vars",
      "secrets", "access_keys", "ec_widths", "jobs");
  private static final Set<String> COMMON_STEP_KEYS = Set.of("name", "title", "targets",
      "timeout", "retries", "parallelism", "become", "rerun", "forced");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private PlanLoader() {}

  /** The default built-in plan, {@code files}. */
  public static Plan reference() {
    return builtin(PlanDirectory.DEFAULT_PLAN);
  }

  /**
   * A built-in plan by name ({@link PlanDirectory#builtinNames()}).
   *
   * @throws PlanException for an unknown name, or a plan that does not load
   */
  public static Plan builtin(String name) {
    Path directory = PlanDirectory.builtin(name);
    return read(directory.resolve(PlanDirectory.PLAN_FILE), name, directory,
        "built-in plan " + name + " (" + PlanDirectory.PLAN_FILE + ")");
  }

  /**
   * What {@code --plan} names: a built-in plan when the text has no {@code /} and no {@code .},
   * else a path to a plan directory or its {@code plan.yml}.
   *
   * @throws PlanException naming the file, step and key that are wrong
   */
  public static Plan named(String nameOrPath) {
    if (nameOrPath.indexOf('/') < 0 && nameOrPath.indexOf('.') < 0) {
      return builtin(nameOrPath);
    }
    return load(Path.of(nameOrPath));
  }

  /**
   * Loads a plan from its directory or from a plan file (the directory is its parent). The plan's
   * name is the directory's for a {@code plan.yml}, else the file's name without its extension.
   */
  public static Plan load(Path fileOrDirectory) {
    Path absolute = fileOrDirectory.toAbsolutePath().normalize();
    Path file = Files.isDirectory(absolute) ? absolute.resolve(PlanDirectory.PLAN_FILE) : absolute;
    Path directory = file.getParent();
    String fileName = file.getFileName().toString();
    String name = fileName.equals(PlanDirectory.PLAN_FILE) && directory.getFileName() != null
        ? directory.getFileName().toString() : fileName.replaceFirst("\\.ya?ml$", "");
    return read(file, name, directory, file.toString());
  }

  /**
   * Parses plan YAML that has no directory (its steps cannot reference files); its name is
   * {@code source}.
   *
   * @throws PlanException naming {@code source}, the step and the field that are wrong
   */
  public static Plan parse(String yaml, String source) {
    return parse(yaml, source, new PlanSource(source, null));
  }

  private static Plan read(Path file, String name, Path directory, String shownAs) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new PlanException("cannot read plan " + shownAs + ": " + e, e);
    }
    return parse(yaml, name, new PlanSource(shownAs, directory));
  }

  private static Plan parse(String yaml, String name, PlanSource source) {
    String file = source.file();
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new PlanException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    Map<?, ?> top = Yamls.map(root, file);
    Yamls.onlyKeys(top, TOP_KEYS, file + ":");
    String version = top.get("version") == null ? "unversioned"
        : Yamls.scalar(top.get("version"), file + ": version");
    String payload = top.get("payload_version") == null ? version
        : Yamls.scalar(top.get("payload_version"), file + ": payload_version");
    Map<String, String> vars = PlanHeader.vars(top.get("vars"), file + ": vars");
    List<PlanSecret> secrets = PlanHeader.secrets(top.get("secrets"), file + ": secrets");
    List<PlanAccessKey> keys = PlanHeader.accessKeys(top.get("access_keys"),
        file + ": access_keys", secrets, vars);
    Map<?, ?> jobs = Yamls.map(top.get("jobs"), file + ": jobs");
    Map<JobType, List<PlanStep>> parsed = new EnumMap<>(JobType.class);
    for (Map.Entry<?, ?> job : jobs.entrySet()) {
      JobType type = jobType(String.valueOf(job.getKey()), file);
      parsed.put(type, steps(job.getValue(), file + ": jobs." + type.wireName(), source));
    }
    PlaybookPlacement.check(parsed, file);
    Map<Integer, Integer> ecWidths = PlanHeader.ecWidths(top.get("ec_widths"),
        file + ": ec_widths");
    return new Plan(name, version, payload, vars, secrets, keys, parsed, ecWidths,
        source.directory());
  }

  private static List<PlanStep> steps(Object value, String where, PlanSource source) {
    if (!(value instanceof List)) {
      throw new PlanException(where + ": must be a list of steps");
    }
    List<PlanStep> steps = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<?> list = (List<?>) value;
    for (int i = 0; i < list.size(); i++) {
      String at = where + "[" + i + "]";
      PlanStep step = step(Yamls.map(list.get(i), at), at, source);
      if (!names.add(step.name())) {
        throw new PlanException(at + ".name: duplicate step name " + step.name());
      }
      steps.add(step);
    }
    return steps;
  }

  private static PlanStep step(Map<?, ?> step, String where, PlanSource source) {
    String name = Yamls.string(step, "name", where, true);
    if (!NAME.matcher(name).matches()) {
      throw new PlanException(where + ".name: must match " + NAME.pattern());
    }
    try {
      return step(step, where, name, source);
    } catch (PlanException e) {
      throw new PlanException(e.getMessage() + " (in step " + name + ")", e);
    }
  }

  private static PlanStep step(Map<?, ?> step, String at, String name, PlanSource source) {
    StepKindSyntax kind = kind(step, at);
    Set<String> allowed = new HashSet<>(COMMON_STEP_KEYS);
    allowed.add(kind.key());
    allowed.addAll(kind.extraKeys());
    allowed.addAll(FailureBudgetSyntax.KEYS);
    Yamls.onlyKeys(step, allowed, at);
    String title = step.containsKey("title") ? Yamls.string(step, "title", at, true) : name;
    Targets targets = targets(step, at);
    StepAction action = kind.parse(step, at, source);
    return new PlanStep(name, title, targets, action,
        Yamls.duration(step.get("timeout"), at + ".timeout"),
        Yamls.integer(step.get("retries"), 0, 0, 10, at + ".retries"),
        Yamls.integer(step.get("parallelism"), 32, 1, 1024, at + ".parallelism"),
        Yamls.bool(step.get("become"), at + ".become"),
        rerunAll(step, at), FailureBudgetSyntax.read(step, at, targets, action),
        triedWhenForced(step, at, targets));
  }

  /**
   * {@code forced: try}: a forced scale-in still tries this {@code removed} step on the nodes it
   * removes (stopping their services, say), every failure only a warning.
   */
  private static boolean triedWhenForced(Map<?, ?> step, String where, Targets targets) {
    String value = Yamls.string(step, "forced", where, false);
    if (value != null && !value.equals("try")) {
      throw new PlanException(where + ".forced: must be try (or absent: a forced scale-in"
          + " contacts none of the removed nodes in this step)");
    }
    if (value != null && targets != Targets.REMOVED) {
      throw new PlanException(where + ".forced: only a step with targets: removed runs on the"
          + " nodes a forced scale-in removes, not targets: " + targets.name().toLowerCase(Locale.ROOT));
    }
    return value != null;
  }

  /** {@code rerun: all}: a resume runs the step on every node; absent: where it did not complete. */
  private static boolean rerunAll(Map<?, ?> step, String where) {
    String value = Yamls.string(step, "rerun", where, false);
    if (value != null && !value.equals("all")) {
      throw new PlanException(where + ".rerun: must be all (or absent: a resume reruns the step"
          + " only on the nodes where it did not complete)");
    }
    return value != null;
  }

  private static StepKindSyntax kind(Map<?, ?> step, String where) {
    List<StepKindSyntax> present = new ArrayList<>();
    Set<String> keys = new TreeSet<>();
    for (StepKindSyntax kind : KINDS) {
      keys.add(kind.key());
      if (step.containsKey(kind.key())) {
        present.add(kind);
      }
    }
    if (present.size() != 1) {
      throw new PlanException(where + ": needs exactly one of " + String.join(", ", keys)
          + (present.isEmpty() ? "" : "; has " + present.stream().map(StepKindSyntax::key)
              .toList()));
    }
    return present.get(0);
  }

  private static Targets targets(Map<?, ?> step, String where) {
    String value = Yamls.string(step, "targets", where, true);
    for (Targets t : Targets.values()) {
      if (t.wireName().equals(value)) {
        return t;
      }
    }
    throw new PlanException(where + ".targets: must be one of " + Arrays.stream(Targets.values())
        .map(Targets::wireName).collect(Collectors.joining(", ")));
  }

  private static JobType jobType(String key, String file) {
    return JobType.fromWireName(key).orElseThrow(() -> new PlanException(file + ": jobs." + key
        + ": unknown job type; expected one of " + JobKind.wireNames()));
  }
}
