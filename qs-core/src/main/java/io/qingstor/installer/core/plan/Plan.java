package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.job.JobType;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each job type does: ordered steps per job type, with the plan's parameters, the secrets
 * it needs and the credentials it installs. Load one with {@link PlanLoader}; the built-in plans
 * ship with the core.
 *
 * @param name the built-in plan's name, or the name of the directory holding {@code plan.yml}
 * @param version the plan's own label ({@code version:})
 * @param payloadVersion the version of what the plan installs, shown as DescribeQingStor's
 *     {@code qingstor_version}
 * @param vars plan parameters with their defaults; a node's vars override them
 * @param ecWidths per {@code ec_type}, how many nodes an erasure-coded storage cluster needs
 *     (its fragments); scale-in keeps at least that many, and refuses an EC cluster the plan
 *     does not list
 * @param directory where the plan's files are read from (a directory, possibly inside a jar), or
 *     null for a plan parsed from text alone
 */
public record Plan(
    String name,
    String version,
    String payloadVersion,
    Map<String, String> vars,
    List<PlanSecret> secrets,
    List<PlanAccessKey> accessKeys,
    Map<JobType, List<PlanStep>> jobs,
    Map<Integer, Integer> ecWidths,
    Path directory) {
  public Plan {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    requireNonNull(payloadVersion, "payloadVersion");
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    secrets = List.copyOf(secrets);
    accessKeys = List.copyOf(accessKeys);
    EnumMap<JobType, List<PlanStep>> copy = new EnumMap<>(JobType.class);
    jobs.forEach((type, steps) -> copy.put(type, List.copyOf(steps)));
    jobs = Collections.unmodifiableMap(copy);
    ecWidths = Map.copyOf(ecWidths);
  }

  /** The steps of a job type; empty when the plan has none. */
  public List<PlanStep> steps(JobType type) {
    return jobs.getOrDefault(type, List.of());
  }

  /** The plan's directory, when it has one. */
  public Optional<Path> directoryIfAny() {
    return Optional.ofNullable(directory);
  }
}
