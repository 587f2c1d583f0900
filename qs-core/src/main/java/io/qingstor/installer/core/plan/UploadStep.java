package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code upload}: files pushed to each target node over SFTP, each written to a temp name and
 * renamed, skipped when the node already has the same content.
 */
public record UploadStep(List<UploadItem> items) implements StepAction {
  /** The plan key of this kind. */
  public static final String KEY = "upload";

  public UploadStep {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("an upload step needs at least one item");
    }
  }

  @Override
  public String kindKey() {
    return KEY;
  }

  /** Where an upload item's content comes from. */
  public enum Source {
    /** A file or directory of the plan. */
    SRC("src"),
    /** A file or directory under the data directory's {@code artifacts/}. */
    ARTIFACT("artifact"),
    /** A FreeMarker template of the plan, rendered per node. */
    TEMPLATE("template");

    private final String key;

    Source(String key) {
      this.key = key;
    }

    /** The plan key naming this source. */
    public String key() {
      return key;
    }
  }

  /**
   * One file or directory to upload.
   *
   * @param path the source path, relative to the plan directory or to the artifacts
   * @param dest relative to the node's {@code qs_root} (firstbox: the job's work directory) or
   *     absolute; a trailing {@code /} means "into this directory"
   * @param mode the file mode, e.g. {@code 0644}
   * @param owner the owner to set ({@code user} or {@code user:group}), or null
   */
  public record UploadItem(Source source, String path, String dest, int mode, String owner) {
    public UploadItem {
      requireNonNull(source, "source");
      requireNonNull(path, "path");
      requireNonNull(dest, "dest");
    }

    /** True when {@code dest} names a directory to upload into. */
    public boolean intoDirectory() {
      return dest.endsWith("/");
    }
  }
}
