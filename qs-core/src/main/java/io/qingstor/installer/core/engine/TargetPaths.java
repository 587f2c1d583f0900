package io.qingstor.installer.core.engine;

/** Where a plan path lands on a target: absolute as given, else under {@code qs_root} (firstbox: the work directory). */
final class TargetPaths {
  private TargetPaths() {}

  /** The directory relative paths start from on {@code target}. */
  static String base(StepTarget target) {
    String base = target.firstbox() ? target.vars().get(StepTargets.WORK_DIR)
        : target.vars().get("qs_root");
    return base.endsWith("/") && base.length() > 1 ? base.substring(0, base.length() - 1) : base;
  }

  /** {@code path} on {@code target}, absolute. */
  static String resolve(StepTarget target, String path) {
    return path.startsWith("/") ? path : base(target) + "/" + path;
  }

  /** The parent directory of an absolute path. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** The last segment of a path. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
