package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.JobFamily;
import io.qingstor.installer.api.JobKind;
import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.WireTime;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeJobsResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.StepLog;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.LeftOutNode;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Read-only views of jobs: status, log pages, listings. */
final class JobViews {
  static final int DEFAULT_JOBS_LIMIT = 100;
  static final int MAX_JOBS_LIMIT = 1000;
  private static final int MAX_CACHED_PAGES = 256;

  private final JobEngine engine;
  private final StateStore store;
  private final LogWaits waits;
  private final Map<PageKey, JobLogResponse> pages = new ConcurrentHashMap<>();

  JobViews(JobEngine engine, StateStore store, LogWaits waits) {
    this.engine = engine;
    this.store = store;
    this.waits = waits;
  }

  /** The job with this id in this family, or the family's latest job when {@code jobId} is null. */
  JobRecord find(String jobId, JobFamily family) {
    if (jobId == null) {
      return engine.newestJob(family).orElseThrow(() -> new QsApiException(RetCode.RESOURCE_NOT_FOUND,
              "no " + family.noun() + " job has run yet"));
    }
    JobRecord job = engine.job(jobId).orElseThrow(() -> JobEngine.notFound(jobId));
    if (job.type().family() != family) {
      throw new QsApiException(RetCode.RESOURCE_NOT_FOUND, "job " + jobId + " is a "
          + job.type().wireName() + " job, not a " + family.noun() + " job");
    }
    return job;
  }

  /** A job's status as DescribeJobs lists it: without its nodes, elapsed time and ETA. */
  static JobInfo info(JobRecord job) {
    return info(job, null, null, null);
  }

  /** A job's status with its step's nodes (null: none shown), elapsed time and ETA (or null). */
  static JobInfo info(JobRecord job, StepNodes nodes, Long elapsedSeconds, Long etaSeconds) {
    return new JobInfo(job.jobId(), job.type().wireName(), job.status(), job.preStatus(),
        job.stepTitle(), job.steps().size(), job.progress(), job.error(),
        WireTime.format(job.createTime()), WireTime.format(job.startTime()),
        WireTime.format(job.endTime()),
        job.failure() == null ? null : job.failure().reason().wireName(),
        job.failure() == null ? null : job.failure().hint(),
        nodes == null ? null : nodes.nodes(), nodes == null ? null : nodes.counts(),
        elapsedSeconds, etaSeconds, job.leftOut().stream().map(LeftOutNode::nodeId).toList(),
        job.warnings());
  }

  /**
   * A page of a job's log; with {@code wait_seconds}, held (see {@link LogWaits}) while nothing
   * is new past {@code offset}, the job runs and the chosen step has not ended. Bad fields throw
   * at once; the job is the one named, or the family's latest when the call is made.
   */
  CompletableFuture<JobLogResponse> log(JobLogRequest request, JobFamily family) {
    JobRecord named = findForLog(request.jobId(), family);
    LogQuery query = LogQuery.of(request);
    steps(named, request.jobStatus());
    return waits.await(named.jobId(), query.maxWait(), last -> {
      JobRecord job = engine.job(named.jobId()).orElseThrow();
      JobLogResponse page = page(job, request.jobStatus(), query);
      return last || !holds(job, page, request.jobStatus() != null)
          ? Optional.of(page) : Optional.empty();
    });
  }

  /** A log action reads its family's jobs, and a collect job's when named by its id. */
  private JobRecord findForLog(String jobId, JobFamily family) {
    if (jobId != null) {
      Optional<JobRecord> job = engine.job(jobId);
      if (job.isPresent() && job.get().type().family() == JobFamily.NODES) {
        return job.get();
      }
    }
    return find(jobId, family);
  }

  /**
   * A page, read once for every request asking the same of the same state: a thousand followers
   * woken by one line cost one read. The state is the job record and the job's signal count;
   * lines appended meanwhile are signalled after they are written, so a page is never older than
   * its key says without a wake-up on its way.
   */
  private JobLogResponse page(JobRecord job, String jobStatus, LogQuery query) {
    PageKey key = new PageKey(job, waits.signals(job.jobId()), jobStatus, query);
    JobLogResponse cached = pages.get(key);
    if (cached != null) {
      return cached;
    }
    if (pages.size() >= MAX_CACHED_PAGES) {
      pages.clear();
    }
    JobLogResponse page = read(job, jobStatus, query);
    pages.put(key, page);
    return page;
  }

  private record PageKey(JobRecord job, long signals, String jobStatus, LogQuery query) {}

  private JobLogResponse read(JobRecord job, String jobStatus, LogQuery query) {
    Map<String, StepLog> log = new LinkedHashMap<>();
    for (int step : steps(job, jobStatus)) {
      LogPage page = query.read(store, job.jobId(), step);
      log.put(JobStatuses.step(step), new StepLog(job.steps().get(step).title(),
          job.steps().get(step).state().wireName(),
          page.lines().stream().map(JobViews::line).collect(Collectors.toList()),
          page.nextOffset(), page.totalLines()));
    }
    return new JobLogResponse(log);
  }

  /** The job runs, nothing is new in any step shown, and the one step asked for has not ended. */
  private static boolean holds(JobRecord job, JobLogResponse page, boolean oneStep) {
    return job.active() && page.log().values().stream().allMatch(step -> step.lines().isEmpty()
        && (!oneStep || step.status().equals(JobStatuses.PENDING)
            || step.status().equals(StepState.RUNNING.wireName())));
  }

  private static List<Integer> steps(JobRecord job, String jobStatus) {
    if (jobStatus == null) {
      return java.util.stream.IntStream.range(0, job.steps().size()).boxed()
          .collect(Collectors.toList());
    }
    if (jobStatus.equals(JobStatuses.FAILED)) {
      int failed = job.failedStep();
      return failed < 0 ? List.of() : List.of(failed);
    }
    OptionalInt step = JobStatuses.stepIndex(jobStatus);
    if (step.isEmpty() || step.getAsInt() >= job.steps().size()) {
      throw QsApiException.invalidField("job_status", "must be failed or step0 to step"
          + (job.steps().size() - 1) + " for job " + job.jobId());
    }
    return List.of(step.getAsInt());
  }

  private static LogLine line(LogEntry entry) {
    return new LogLine(WireTime.format(entry.time()), entry.node(), entry.stream(), entry.text());
  }

  DescribeJobsResponse describe(DescribeJobsRequest request) {
    int limit = request.limit() == null ? DEFAULT_JOBS_LIMIT : request.limit();
    if (limit < 1 || limit > MAX_JOBS_LIMIT) {
      throw QsApiException.invalidField("limit", "must be from 1 to " + MAX_JOBS_LIMIT);
    }
    JobType type = request.jobType() == null ? null : jobType(request.jobType());
    List<JobRecord> matching = engine.jobsNewestFirst().stream()
        .filter(j -> request.jobIds() == null || request.jobIds().contains(j.jobId()))
        .filter(j -> type == null || j.type() == type)
        .filter(j -> request.status() == null || statusMatches(j, request.status()))
        .collect(Collectors.toList());
    return new DescribeJobsResponse(matching.stream().limit(limit).map(JobViews::info)
        .collect(Collectors.toList()), matching.size());
  }

  private static boolean statusMatches(JobRecord job, String status) {
    return status.equals("running") ? job.active() : status.equals(job.status());
  }

  private static JobType jobType(String wire) {
    return JobType.fromWireName(wire).orElseThrow(() ->
        QsApiException.invalidField("job_type", "must be one of " + JobKind.wireNames()));
  }
}
