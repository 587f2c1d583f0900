package io.qingstor.installer.core.exec;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * A {@link LazyNodeExecutor} keeps the {@link NodeExecutorContract} of the executor it creates
 * (here a local one).
 */
class LazyLocalExecutorTest extends NodeExecutorContract {
  private static final LazyNodeExecutor EXECUTOR =
      new LazyNodeExecutor(() -> new LocalExecutor(Duration.ofSeconds(1)));

  @AfterAll
  static void closeExecutor() {
    EXECUTOR.close();
  }

  @Override
  NodeExecutor executor() {
    return EXECUTOR;
  }

  @Override
  NodeTarget target() {
    return NodeTarget.local("firstbox");
  }

  @Override
  NodeTarget unsuitableTarget() {
    return NodeTarget.withPassword("n1", "127.0.0.1", 22, "root", "pw");
  }

  @Override
  NodeExecutor newExecutor() {
    return new LazyNodeExecutor(LocalExecutor::new);
  }
}
