package io.qingstor.installer.server.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import io.qingstor.installer.core.exec.DaemonThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A logback appender for the access log: the request thread only queues its event; one writer
 * thread encodes the queued events and writes them to stderr in one call per batch. Nothing is
 * dropped: when the queue is full, the logging thread waits for room.
 *
 * <p>Why not logback's {@code AsyncAppender}: its writer blocks in {@code take()}, so at moderate
 * load every event wakes it (a context switch per request, which made polling slower, not
 * faster), and it still writes each line with its own system call. This writer, after a batch,
 * sleeps {@code batchDelayMillis} instead, so under load requests never wake it and a batch is
 * one write; only when it finds the queue empty does it block until the next event.
 *
 * <p>What it costs: an event reaches stderr up to {@code batchDelayMillis} later, and on kill -9
 * the queued events are lost. {@link #stop()} writes every queued event first (ServerMain stops
 * logback when the server has stopped).
 */
public final class BatchingStderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private Encoder<ILoggingEvent> encoder;
  private int queueSize = 8192;
  private int batchDelayMillis = 5;
  private OutputStream out = System.err;
  private BlockingQueue<ILoggingEvent> queue;
  private Thread writer;
  private volatile boolean stopping;

  /** The encoder that renders each event (set from logback.xml). */
  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  /** How many events may wait; more make the logging thread wait. */
  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  /** How long the writer waits after a batch, gathering the next. */
  public void setBatchDelayMillis(int batchDelayMillis) {
    this.batchDelayMillis = batchDelayMillis;
  }

  /** Where the batches go; stderr unless a test says otherwise. */
  void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder for appender " + name);
      return;
    }
    if (queueSize < 1 || batchDelayMillis < 0) {
      addError("queueSize must be >= 1 and batchDelayMillis >= 0 in appender " + name);
      return;
    }
    queue = new ArrayBlockingQueue<>(queueSize);
    stopping = false;
    writer = DaemonThreads.start("log-writer-" + name, this::drainUntilStopped);
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Thread name, MDC and the like are captured now, on the logging thread.
    event.prepareForDeferredProcessing();
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(event);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the line still has to be written; keep the interrupt for later
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop(); // appends nothing more
    stopping = true;
    writer.interrupt(); // ends a sleep or a wait at once; the writer then drains what is left
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!writer.isAlive()) {
      // An event queued by a thread that passed the started check just before stop().
      List<ILoggingEvent> late = new ArrayList<>();
      queue.drainTo(late);
      if (!late.isEmpty()) {
        write(late, new ByteArrayOutputStream());
      }
    }
  }

  private void drainUntilStopped() {
    List<ILoggingEvent> batch = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    while (true) {
      queue.drainTo(batch);
      if (!batch.isEmpty()) {
        write(batch, bytes);
      } else if (stopping) {
        return;
      }
      try {
        if (batch.isEmpty()) {
          ILoggingEvent next = queue.take(); // idle: the next event wakes the writer
          batch.add(next);
        } else {
          batch.clear();
          Thread.sleep(batchDelayMillis); // busy: gather a batch without being woken
        }
      } catch (InterruptedException e) {
        batch.clear();
        stopping = true; // only stop() interrupts; loop once more to drain
      }
    }
  }

  private void write(List<ILoggingEvent> batch, ByteArrayOutputStream bytes) {
    bytes.reset();
    for (ILoggingEvent event : batch) {
      try {
        bytes.writeBytes(encoder.encode(event));
      } catch (RuntimeException e) {
        addError("cannot encode a log event", e);
      }
    }
    try {
      bytes.writeTo(out);
      out.flush();
    } catch (IOException e) {
      addError("cannot write " + batch.size() + " log events", e);
    }
  }
}
