package io.qingstor.installer.core.plan;

import io.qingstor.installer.core.plan.UploadStep.Source;
import io.qingstor.installer.core.plan.UploadStep.UploadItem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code upload:} steps: a list of {src | artifact | template, dest, mode?, owner?}. */
final class UploadSyntax implements StepKindSyntax {
  static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
  static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}(:[a-z_][a-z0-9_-]{0,31})?");
  private static final Set<String> ITEM_KEYS = Set.of("src", "artifact", "template", "dest",
      "mode", "owner");

  @Override
  public String key() {
    return UploadStep.KEY;
  }

  @Override
  public StepAction parse(Map<?, ?> step, String where, PlanSource source) {
    return new UploadStep(Yamls.items(step, key(), where, "files to upload",
        (item, at) -> item(item, at, source)));
  }

  private static UploadItem item(Map<?, ?> item, String where, PlanSource source) {
    Yamls.onlyKeys(item, ITEM_KEYS, where);
    Source kind = null;
    for (Source s : Source.values()) {
      if (item.containsKey(s.key())) {
        if (kind != null) {
          throw new PlanException(where + ": needs exactly one of src, artifact or template");
        }
        kind = s;
      }
    }
    if (kind == null) {
      throw new PlanException(where + ": needs exactly one of src, artifact or template");
    }
    String path = Yamls.string(item, kind.key(), where, true);
    String at = where + "." + kind.key();
    switch (kind) {
      case SRC: source.existing(path, at, true); break;
      case TEMPLATE: source.checkTemplate(path, at); break;
      default: PlanSource.inside(path, at); break;
    }
    String dest = Yamls.string(item, "dest", where, true);
    if (dest.contains("\0") || List.of(dest.split("/")).contains("..")) {
      throw new PlanException(where + ".dest: must not contain .. segments");
    }
    return new UploadItem(kind, path, dest, mode(item.get("mode"), where + ".mode"),
        owner(item, where));
  }

  private static int mode(Object value, String where) {
    if (value == null) {
      return 0644;
    }
    if (!(value instanceof String) || !MODE.matcher((String) value).matches()) {
      throw new PlanException(where + ": must be a quoted octal mode like \"0644\"");
    }
    return Integer.parseInt((String) value, 8);
  }

  private static String owner(Map<?, ?> item, String where) {
    String owner = Yamls.string(item, "owner", where, false);
    if (owner != null && !OWNER.matcher(owner).matches()) {
      throw new PlanException(where + ".owner: must be user or user:group, was " + owner);
    }
    return owner;
  }
}
