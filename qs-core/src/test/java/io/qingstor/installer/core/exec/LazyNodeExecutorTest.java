package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyNodeExecutorTest {

  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final LazyNodeExecutor lazy = new LazyNodeExecutor(() -> {
    created.incrementAndGet();
    return new NodeExecutor() {
      @Override
      public CommandResult execute(NodeTarget node, String script, Duration timeout, OutputListener output,
          Cancellation cancellation) {
        return CommandResult.exited(0, Duration.ZERO);
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
  });

  @Test
  void createsNothingUntilTheFirstCommandAndThenOnlyOnce() {
    assertThat(created).hasValue(0);

    assertThat(run().succeeded()).isTrue();
    assertThat(run().succeeded()).isTrue();

    assertThat(created).hasValue(1);
  }

  @Test
  void closingBeforeAnyCommandCreatesNothing() {
    lazy.close();

    assertThat(created).hasValue(0);
    assertThat(closed).hasValue(0);
  }

  @Test
  void closingClosesTheCreatedExecutorAndLaterCommandsThrow() {
    run();
    lazy.close();

    assertThat(closed).hasValue(1);
    assertThatThrownBy(this::run).isInstanceOf(IllegalStateException.class).hasMessage("the executor is closed");
    assertThat(created).hasValue(1);
  }

  private CommandResult run() {
    return lazy.execute(NodeTarget.local("firstbox"), "true", Duration.ofSeconds(1), OutputListener.DISCARD, new Cancellation());
  }
}
