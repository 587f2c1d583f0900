package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a caller's listener so that its calls for one command never overlap and an exception
 * it throws never disturbs the command (it is logged once and the line dropped).
 */
final class SafeListener implements OutputListener {

  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

  private final OutputListener delegate;
  private final String nodeId;
  private boolean failureLogged;

  SafeListener(OutputListener delegate, String nodeId) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.nodeId = requireNonNull(nodeId, "nodeId");
  }

  @Override
  public synchronized void onLine(StreamKind stream, String line) {
    try {
      delegate.onLine(stream, line);
    } catch (RuntimeException e) {
      if (!failureLogged) {
        failureLogged = true;
        LOG.warn("output listener for node {} failed; further failures are not logged", nodeId, e);
      }
    }
  }
}
