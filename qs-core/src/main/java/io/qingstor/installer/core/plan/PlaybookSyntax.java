package io.qingstor.installer.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code playbook:} steps: the playbook's path, tags, skip_tags, extra_vars, check. */
final class PlaybookSyntax implements StepKindSyntax {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  @Override
  public String key() {
    return PlaybookStep.KEY;
  }

  @Override
  public Set<String> extraKeys() {
    return Set.of("tags", "skip_tags", "extra_vars", "check");
  }

  @Override
  public StepAction parse(Map<?, ?> step, String where, PlanSource source) {
    String playbook = Yamls.string(step, key(), where, true);
    source.existing(playbook, where + "." + key(), false);
    return new PlaybookStep(playbook, tags(step.get("tags"), where + ".tags"),
        tags(step.get("skip_tags"), where + ".skip_tags"),
        extraVars(step.get("extra_vars"), where + ".extra_vars"),
        Yamls.bool(step.get("check"), where + ".check"));
  }

  private static List<String> tags(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    List<?> list = Yamls.list(value, where, "tags");
    for (int i = 0; i < list.size(); i++) {
      Object tag = list.get(i);
      if (!(tag instanceof String) || !TAG.matcher((String) tag).matches()) {
        throw new PlanException(where + "[" + i + "]: a tag is 1 to 64 of A-Z a-z 0-9 _ . -");
      }
      tags.add((String) tag);
    }
    return tags;
  }

  private static Map<String, Object> extraVars(Object value, String where) {
    if (value == null) {
      return Map.of();
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : Yamls.map(value, where).entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getKey() instanceof String) || !VAR.matcher(name).matches()) {
        throw new PlanException(where + "." + name + ": a variable name is a letter or _ then"
            + " letters, digits or _");
      }
      vars.put(name, e.getValue());
    }
    return vars;
  }
}
