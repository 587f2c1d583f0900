package io.qingstor.installer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingStderrAppenderTest {
  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private BatchingStderrAppender appender(int queueSize, int batchDelayMillis) {
    context.setMDCAdapter(new LogbackMDCAdapter());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg [%thread]%n");
    encoder.start();
    BatchingStderrAppender appender = new BatchingStderrAppender();
    appender.setContext(context);
    appender.setName("test");
    appender.setEncoder(encoder);
    appender.setQueueSize(queueSize);
    appender.setBatchDelayMillis(batchDelayMillis);
    appender.setOutputStream(out);
    appender.start();
    return appender;
  }

  private LoggingEvent event(String message) {
    return new LoggingEvent("test", context.getLogger("test"), Level.INFO, message, null, null);
  }

  private String written() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void writesEveryEventInOrderWithTheLoggingThreadsName() {
    BatchingStderrAppender appender = appender(8, 1);

    for (int i = 0; i < 100; i++) {
      appender.doAppend(event("line " + i));
    }
    appender.stop();

    String expected = IntStream.range(0, 100)
        .mapToObj(i -> "line " + i + " [" + Thread.currentThread().getName() + "]\n")
        .collect(Collectors.joining());
    assertThat(written()).isEqualTo(expected);
  }

  @Test
  void aFullQueueMakesTheLoggerWaitAndDropsNothing() throws Exception {
    BatchingStderrAppender appender = appender(4, 5);
    int threads = 4;
    int perThread = 200;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          appender.doAppend(event("t" + id + "-" + i));
        }
        done.countDown();
      });
      thread.start();
    }

    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    appender.stop();

    List<String> lines = written().lines().toList();
    assertThat(lines).hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      List<String> own = lines.stream().filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(0, l.indexOf(' '))).toList();
      assertThat(own).containsExactlyElementsOf(
          IntStream.range(0, perThread).mapToObj(i -> prefix + i).toList());
    }
  }

  @Test
  void anIdleWriterWritesTheNextEventWithoutWaitingForMore() {
    BatchingStderrAppender appender = appender(8, 60_000);
    try {
      appender.doAppend(event("first"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!written().contains("first") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(written()).startsWith("first ");
    } finally {
      appender.stop();
    }
  }

  @Test
  void stopWritesWhatIsQueuedEvenDuringALongBatchDelay() {
    BatchingStderrAppender appender = appender(1024, 60_000);

    for (int i = 0; i < 500; i++) {
      appender.doAppend(event("queued " + i));
    }
    appender.stop();

    assertThat(written().lines()).hasSize(500);
    assertThat(appender.isStarted()).isFalse();
  }
}
