package io.qingstor.installer.core.plan;

import io.qingstor.installer.core.job.JobType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What each job type does: ordered steps per job type. Load one with {@link PlanLoader}; the
 * reference plan ships with the core.
 *
 * @param version a label shown as {@code qingstor_version} by DescribeQingStor
 */
public record Plan(String version, Map<JobType, List<PlanStep>> jobs) {
  public Plan {
    EnumMap<JobType, List<PlanStep>> copy = new EnumMap<>(JobType.class);
    jobs.forEach((type, steps) -> copy.put(type, List.copyOf(steps)));
    jobs = Collections.unmodifiableMap(copy);
  }

  /** The steps of a job type; empty when the plan has none. */
  public List<PlanStep> steps(JobType type) {
    return jobs.getOrDefault(type, List.of());
  }
}
