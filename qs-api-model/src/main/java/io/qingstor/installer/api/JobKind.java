package io.qingstor.installer.api;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of job, as the wire names them in {@code job_type} and a plan names its jobs: the
 * one spelling the core, the server, the SDK and the CLI share. Each kind belongs to a
 * {@link JobFamily} (which status and log actions answer for it) and is started by one action.
 */
public enum JobKind {
  CONFIG("config", JobFamily.CONFIG, Action.CONFIG_QINGSTOR),
  DEPLOY("deploy", JobFamily.DEPLOY, Action.DEPLOY_QINGSTOR),
  SCALE_ACCESS("scale_access", JobFamily.DEPLOY, Action.SCALE_QINGSTOR_ACCESS),
  SCALE_STORAGE("scale_storage", JobFamily.DEPLOY, Action.SCALE_QINGSTOR_STORAGE),
  SCALE_IN_ACCESS("scale_in_access", JobFamily.DEPLOY, Action.REMOVE_QINGSTOR_ACCESS_NODES),
  SCALE_IN_STORAGE("scale_in_storage", JobFamily.DEPLOY, Action.REMOVE_QINGSTOR_STORAGE_NODES),
  COLLECT_NODES("collect_nodes", JobFamily.NODES, Action.COLLECT_NODES),
  RESET("reset", JobFamily.DEPLOY, Action.RESET_QINGSTOR);

  private final String wireName;
  private final JobFamily family;
  private final Action action;

  JobKind(String wireName, JobFamily family, Action action) {
    this.wireName = wireName;
    this.family = family;
    this.action = action;
  }

  /** The wire name, e.g. {@code scale_access}. */
  public String wireName() {
    return wireName;
  }

  /** The family whose status and log actions answer for jobs of this kind. */
  public JobFamily family() {
    return family;
  }

  /** The action that starts a job of this kind, e.g. {@code ScaleQingStorAccess}. */
  public Action action() {
    return action;
  }

  /** The kind with this wire name; empty for an unknown one (or null). */
  public static Optional<JobKind> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(kind -> kind.wireName.equals(wireName)).findFirst();
  }

  /** Every wire name, comma-separated, for messages: {@code config, deploy, ...}. */
  public static String wireNames() {
    return Arrays.stream(values()).map(JobKind::wireName).collect(Collectors.joining(", "));
  }
}
