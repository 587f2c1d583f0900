package io.qingstor.installer.core.plan;

import io.qingstor.installer.core.plan.FetchStep.FetchItem;
import java.util.ArrayList;
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
    String at = where + "." + key();
    List<?> list = Yamls.list(step.get(key()), at, "files to fetch");
    List<FetchItem> items = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String itemAt = at + "[" + i + "]";
      Map<?, ?> item = Yamls.map(list.get(i), itemAt);
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
      items.add(new FetchItem(src, artifact));
    }
    return new FetchStep(items);
  }
}
