package io.qingstor.installer.cli;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.client.QsClientException;
import io.qingstor.installer.client.QsJobFailedException;
import io.qingstor.installer.client.QsServiceException;
import io.qingstor.installer.client.QsWaitTimeoutException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * qsctl's exit codes, and the one place that turns a failure into a message on standard error and
 * its code. The codes are documented in {@code docs/qsctl.md} and in {@code qsctl --help}.
 */
public final class ExitCodes implements IExecutionExceptionHandler {
  /** The action (and the job it started, when waited for) succeeded. */
  public static final int OK = 0;
  /** The job failed or did not finish in time, or the server refused the request. */
  public static final int FAILED = 1;
  /** The command line or a file it names is wrong, or no credentials were found. */
  public static final int USAGE = 2;
  /** Authentication failed, or the user's role may not call the action. */
  public static final int AUTH = 3;
  /** The server is busy (another job, overloaded) or cannot be reached. */
  public static final int BUSY = 4;

  @Override
  public int handleExecutionException(Exception failure, CommandLine commandLine,
      ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    int code = report(failure, err);
    err.flush();
    return code;
  }

  private static int report(Exception failure, PrintWriter err) {
    if (failure instanceof UsageException || failure instanceof IllegalArgumentException) {
      err.println("qsctl: " + failure.getMessage());
      return USAGE;
    }
    if (failure instanceof QsJobFailedException failed) {
      return jobFailed(failed, err);
    }
    if (failure instanceof QsWaitTimeoutException timeout) {
      err.println("qsctl: " + timeout.getMessage());
      err.println("  the job is still running; wait again with a longer --timeout, or cancel it:"
          + " qsctl cancel-job --job-id " + timeout.jobId());
      return FAILED;
    }
    if (failure instanceof QsServiceException refused) {
      return refused(refused, err);
    }
    if (failure instanceof QsClientException unreachable) {
      err.println("qsctl: " + unreachable.getMessage());
      err.println("  is the server running at the endpoint? set it with --endpoint or QS_ENDPOINT");
      return BUSY;
    }
    throw new IllegalStateException("qsctl failed unexpectedly", failure);
  }

  private static int jobFailed(QsJobFailedException failed, PrintWriter err) {
    err.println("qsctl: " + failed.getMessage());
    for (LogLine line : failed.lastLogLines()) {
      err.println("  " + LogLines.format(line));
    }
    err.println("  whole log of the failed step: qsctl " + logCommand(failed.job().jobType())
        + " --job-id " + failed.jobId() + " --job-status failed");
    return FAILED;
  }

  private static String logCommand(String jobType) {
    return "config".equals(jobType) ? "get-config-qingstor-log" : "get-deploy-qingstor-log";
  }

  private static int refused(QsServiceException refused, PrintWriter err) {
    err.println("qsctl: " + refused.errorName() + ": " + refused.serverMessage());
    for (FieldError error : refused.fieldErrors()) {
      err.println("  " + error.field() + ": " + error.message());
    }
    if (refused.requestId() != null) {
      err.println("  request id " + refused.requestId() + " (in the server log)");
    }
    RetCode retCode = refused.retCode();
    if (retCode == RetCode.AUTH_FAILURE) {
      err.println("  check the user and password (QS_USER, QS_PASSWORD or the credentials file)");
      return AUTH;
    }
    // A 1400 either names the caller's role (an authorisation failure) or the platform's status.
    if (retCode == RetCode.PERMISSION_DENIED && refused.serverMessage() != null
        && refused.serverMessage().startsWith("role ")) {
      return AUTH;
    }
    if (retCode == RetCode.RESOURCE_BUSY || retCode == RetCode.SERVER_BUSY) {
      return BUSY;
    }
    return FAILED;
  }
}
