package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging part of a log request, validated: where to start, how many lines, whose lines and
 * how long to wait for news. With a node filter a page holds up to {@code limit} of that node's
 * lines; the store is read {@code limit} lines at a time, so memory stays bounded however far
 * apart the node's lines are, and {@code next_offset} is the line after the last one looked at.
 */
record LogQuery(long offset, int limit, String nodeId, Duration maxWait) {
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;
  static final int MAX_WAIT_SECONDS = 30;

  /** Validates the request's paging fields; a bad one is a 1100 naming it. */
  static LogQuery of(JobLogRequest request) {
    long offset = request.offset() == null ? 0 : request.offset();
    if (offset < 0) {
      throw QsApiException.invalidField("offset", "must be 0 or more");
    }
    int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw QsApiException.invalidField("limit", "must be from 1 to " + MAX_LIMIT);
    }
    String nodeId = request.nodeId();
    if (nodeId != null && (nodeId.isBlank() || nodeId.length() > LogEntry.MAX_NODE_LENGTH)) {
      throw QsApiException.invalidField("node_id",
          "must be a node id of 1 to " + LogEntry.MAX_NODE_LENGTH + " characters");
    }
    int wait = request.waitSeconds() == null ? 0 : request.waitSeconds();
    if (wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw QsApiException.invalidField("wait_seconds", "must be from 0 to " + MAX_WAIT_SECONDS);
    }
    return new LogQuery(offset, limit, nodeId, Duration.ofSeconds(wait));
  }

  /** One step's page: every line from the offset, or only the node's. */
  LogPage read(StateStore store, String jobId, int step) {
    LogPage first = store.readLog(jobId, step, offset, limit);
    if (nodeId == null) {
      return first;
    }
    List<LogEntry> lines = new ArrayList<>();
    LogPage page = first;
    long at = offset;
    while (true) {
      for (LogEntry entry : page.lines()) {
        at++;
        if (nodeId.equals(entry.node())) {
          lines.add(entry);
          if (lines.size() == limit) {
            return new LogPage(lines, at, page.totalLines());
          }
        }
      }
      if (page.lines().size() < limit) {
        return new LogPage(lines, page.nextOffset(), page.totalLines());
      }
      page = store.readLog(jobId, step, at, limit);
    }
  }
}
