package io.qingstor.installer.core.plan;

import io.qingstor.installer.core.plan.FetchStep.FetchItem;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code fetch:} steps: a list of {src, artifact}. */
final class FetchSyntax implements StepKindSyntax {
  private static final Set<String> ITEM_KEYS = Set.of("src", "artifact");

  @Override
  public String key() {
    return FetchStep.KEY;
  }

  @Override
  public StepAction parse(Map<?, ?> step, String where, PlanSource source) {
    return new FetchStep(Yamls.items(step, key(), where, "files to fetch", FetchSyntax::item));
  }

  private static FetchItem item(Map<?, ?> item, String itemAt) {
    Yamls.onlyKeys(item, ITEM_KEYS, itemAt);
    String src = Yamls.string(item, "src", itemAt, true);
    if (src.endsWith("/") || List.of(src.split("/")).contains("..") || src.contains("\0")) {
      throw new PlanException(itemAt + ".src: must name a file, without .. segments");
    }
    String artifact = PlanSource.inside(Yamls.string(item, "artifact", itemAt, true),
        itemAt + ".artifact");
    if (artifact.endsWith("/")) {
      throw new PlanException(itemAt + ".artifact: must name a file, not a directory");
    }
    return new FetchItem(src, artifact);
  }
}
