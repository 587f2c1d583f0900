package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code fetch}: files copied from the first target node (in config order) into the data
 * directory's {@code artifacts/}, for a later step to push elsewhere.
 */
public record FetchStep(List<FetchItem> items) implements StepAction {
  /** The plan key of this kind. */
  public static final String KEY = "fetch";

  public FetchStep {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a fetch step needs at least one item");
    }
  }

  @Override
  public String kindKey() {
    return KEY;
  }

  /**
   * One file to fetch.
   *
   * @param src on the node: relative to its {@code qs_root}, or absolute
   * @param artifact where it goes, relative to the artifacts directory (never escaping it)
   */
  public record FetchItem(String src, String artifact) {
    public FetchItem {
      requireNonNull(src, "src");
      requireNonNull(artifact, "artifact");
    }
  }
}
