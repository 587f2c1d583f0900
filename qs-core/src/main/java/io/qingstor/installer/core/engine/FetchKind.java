package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.NodeFiles;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.plan.FetchStep;
import io.qingstor.installer.core.plan.FetchStep.FetchItem;
import io.qingstor.installer.core.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code fetch} steps: files copied from the first target node (in config order) into the
 * artifacts, written atomically (mode 0600).
 */
final class FetchKind implements StepKind {
  /** Fetched files are configs, rings and keys: anything larger is refused, not buffered. */
  static final long MAX_BYTES = 256L * 1024 * 1024;

  private final StateStore store;
  private final StepRunner runner;

  FetchKind(StateStore store, StepRunner runner) {
    this.store = store;
    this.runner = runner;
  }

  @Override
  public String key() {
    return FetchStep.KEY;
  }

  @Override
  public StepOutcome run(StepContext context) {
    FetchStep fetch = (FetchStep) context.step().action();
    List<StepTarget> targets = context.targets().get();
    List<StepTarget> first = targets.isEmpty() ? targets : targets.subList(0, 1);
    if (!first.isEmpty()) {
      context.info("fetching from " + first.get(0).nodeId() + ", the first of "
          + targets.size() + " target node(s)");
    }
    return runner.fanOut(context.job().jobId(), context.index(), context.step(), first,
        context.cancellation(), (target, cancellation) -> {
          try (NodeFiles files = target.executor().openFiles(target.target(), cancellation)) {
            for (FetchItem item : fetch.items()) {
              String src = TargetPaths.resolve(target, item.src());
              byte[] content = read(files, src);
              store.saveArtifact(item.artifact(), content);
              context.log(target.nodeId(), "stdout", "fetched " + src + " into artifacts/"
                  + item.artifact() + " (" + content.length + " bytes)");
            }
            return null;
          } catch (IOException | RuntimeException e) {
            String why = context.log().scrub("fetch failed: " + e.getMessage());
            context.log(target.nodeId(), "error", why);
            return new StepOutcome.NodeFailure(target.nodeId(), Outcome.FAILED, why);
          }
        });
  }

  private static byte[] read(NodeFiles files, String src) throws IOException {
    NodeFiles.Stat stat = files.stat(src).orElseThrow(() ->
        new IOException(src + " does not exist on the node"));
    if (stat.directory() || stat.size() > MAX_BYTES) {
      throw new IOException(src + " is a directory or larger than " + MAX_BYTES + " bytes");
    }
    try (InputStream in = files.read(src)) {
      return in.readNBytes((int) MAX_BYTES + 1);
    }
  }
}
