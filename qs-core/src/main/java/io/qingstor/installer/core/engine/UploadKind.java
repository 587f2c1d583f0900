package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanDirectory;
import io.qingstor.installer.core.plan.UploadStep;
import io.qingstor.installer.core.plan.UploadStep.UploadItem;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code upload} steps: each target node gets the step's files (plan files, artifacts, rendered
 * templates) through {@link NodeUploader}.
 */
final class UploadKind implements StepKind {
  private final Plan plan;
  private final StateStore store;
  private final StepRunner runner;
  private final TemplateRenderer renderer;
  private final PlatformSecrets secrets;
  private final Function<String, NodeRecord> nodeOf;

  UploadKind(Plan plan, StateStore store, StepRunner runner, PlatformSecrets secrets,
      Function<String, NodeRecord> nodeOf) {
    this.plan = plan;
    this.store = store;
    this.runner = runner;
    this.renderer = new TemplateRenderer(plan);
    this.secrets = secrets;
    this.nodeOf = nodeOf;
  }

  @Override
  public String key() {
    return UploadStep.KEY;
  }

  @Override
  public StepOutcome run(StepContext context) {
    UploadStep upload = (UploadStep) context.step().action();
    TemplateModel model = new TemplateModel(plan, context.job(), context.index(), context.step(),
        context.config(), nodeOf, secrets.values());
    return runner.fanOut(context.job().jobId(), context.index(), context.step(),
        context.targets().get(), context.cancellation(), (target, cancellation) -> {
          List<UploadFile> files = new ArrayList<>();
          try {
            for (UploadItem item : upload.items()) {
              files.addAll(files(item, target, model, context));
            }
          } catch (TemplateRenderer.RenderException | IOException | UncheckedIOException e) {
            String why = context.log().scrub(e.getMessage());
            context.log(target.nodeId(), "error", why);
            return new StepOutcome.NodeFailure(target.nodeId(), Outcome.FAILED, why);
          }
          return new NodeUploader(context, target).upload(files);
        });
  }

  private List<UploadFile> files(UploadItem item, StepTarget target, TemplateModel model,
      StepContext context) throws TemplateRenderer.RenderException, IOException {
    String dest = TargetPaths.resolve(target, item.dest());
    switch (item.source()) {
      case TEMPLATE: {
        String name = TargetPaths.name(item.path()).replaceFirst("\\.ftl$", "");
        String text = renderer.render(item.path(), model.forTarget(target),
            context.step().name(), target.nodeId());
        return List.of(UploadFile.of(item.intoDirectory() ? dest + name : dest,
            text.getBytes(StandardCharsets.UTF_8), item.mode(), item.owner()));
      }
      case SRC:
        return tree(PlanDirectory.resolve(plan.directory(), item.path(), "src"), item, dest);
      default:
        return tree(artifact(item.path()), item, dest).stream()
            .map(file -> withoutPassword(file, target)).toList();
    }
  }

  /**
   * The env file artifact as the nodes get it ({@code QS_ENV_YAML}, without
   * {@code ansible_ssh_pass}); at rest it holds the password sealed, which no node needs.
   */
  private UploadFile withoutPassword(UploadFile file, StepTarget target) {
    Path envFile = store.artifactsDirectory().resolve(Builtins.ENV_FILE).normalize();
    return envFile.equals(file.file())
        ? UploadFile.of(file.dest(), target.vars().get(StepTargets.ENV_YAML)
            .getBytes(StandardCharsets.UTF_8), file.mode(), file.owner())
        : file;
  }

  /** A file (into {@code dest}, or under it for a trailing /) or every file of a directory. */
  private static List<UploadFile> tree(Path source, UploadItem item, String dest)
      throws IOException {
    if (Files.isRegularFile(source)) {
      String to = item.intoDirectory() ? dest + source.getFileName().toString().replace("/", "")
          : dest;
      return List.of(UploadFile.of(to, source, item.mode(), item.owner()));
    }
    String base = dest.endsWith("/") ? dest.substring(0, dest.length() - 1) : dest;
    try (Stream<Path> walk = Files.walk(source)) {
      return walk.filter(Files::isRegularFile).sorted()
          .map(f -> UploadFile.of(base + "/" + relative(source, f), f, item.mode(), item.owner()))
          .collect(Collectors.toList());
    }
  }

  private static String relative(Path root, Path file) {
    List<String> parts = new ArrayList<>();
    root.relativize(file).forEach(p -> parts.add(p.toString().replace("/", "")));
    return String.join("/", parts);
  }

  private Path artifact(String relative) throws IOException {
    Path root = store.artifactsDirectory().normalize();
    Path path = root.resolve(relative).normalize();
    if (!path.startsWith(root) || !Files.exists(path)) {
      throw new IOException("artifact " + relative + " not found in " + root
          + " (a fetch step or a builtin of an earlier step makes it)");
    }
    return path;
  }
}
