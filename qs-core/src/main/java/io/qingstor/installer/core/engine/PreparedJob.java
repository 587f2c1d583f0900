package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.FieldError;
import java.util.List;

/**
 * What an action validated and stored before its job is created: the config version the job
 * works on, the nodes it adds (scale) or visits (collect), where it starts, and warnings.
 *
 * @param resumedFrom the failed job whose completed steps this one skips, or null
 * @param onSaved what becomes visible once the job and the platform are saved (nodes the config
 *     named by IP join the inventory)
 * @param force a scale-in that does not contact the nodes it removes
 */
record PreparedJob(int configVersion, List<String> newNodes, int firstStep, String resumedFrom,
    List<FieldError> warnings, Runnable onSaved, boolean force) {
  PreparedJob {
    newNodes = List.copyOf(newNodes);
    warnings = List.copyOf(warnings);
    onSaved = onSaved == null ? () -> { } : onSaved;
  }

  PreparedJob(int configVersion, List<String> newNodes, int firstStep, String resumedFrom,
      List<FieldError> warnings, Runnable onSaved) {
    this(configVersion, newNodes, firstStep, resumedFrom, warnings, onSaved, false);
  }

  PreparedJob(int configVersion, List<String> newNodes, int firstStep, String resumedFrom,
      List<FieldError> warnings) {
    this(configVersion, newNodes, firstStep, resumedFrom, warnings, null);
  }
}
