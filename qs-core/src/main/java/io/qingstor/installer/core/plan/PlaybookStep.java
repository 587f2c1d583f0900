package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code playbook}: an Ansible playbook of the plan, run by {@code ansible-playbook} on the
 * installer's machine over the rendered inventory, limited to the step's target nodes.
 *
 * @param playbook the playbook's path relative to the plan directory (checked to exist there)
 * @param tags only tasks with these tags ({@code --tags}); empty: all
 * @param skipTags tasks with these tags are skipped ({@code --skip-tags})
 * @param extraVars the step's own variables ({@code -e}), winning over the env file's
 * @param check a dry run ({@code --check}): nothing changes on the nodes
 */
public record PlaybookStep(String playbook, List<String> tags, List<String> skipTags,
    Map<String, Object> extraVars, boolean check) implements StepAction {
  /** The plan key of this kind. */
  public static final String KEY = "playbook";

  public PlaybookStep {
    requireNonNull(playbook, "playbook");
    tags = List.copyOf(tags);
    skipTags = List.copyOf(skipTags);
    extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
  }

  @Override
  public String kindKey() {
    return KEY;
  }
}
