package io.qingstor.installer.bench;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeFiles;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.OutputListener;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * An executor that records into {@link RemoteWork} how long each command and each file operation
 * of the executor it wraps took. Closing it closes the wrapped executor.
 */
final class TimedExecutor implements NodeExecutor {
  private final NodeExecutor delegate;
  private final RemoteWork work;

  TimedExecutor(NodeExecutor delegate, RemoteWork work) {
    this.delegate = delegate;
    this.work = work;
  }

  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout,
      OutputListener output, Cancellation cancellation) {
    long start = System.nanoTime();
    try {
      return delegate.execute(node, script, timeout, output, cancellation);
    } finally {
      work.record(start);
    }
  }

  @Override
  public NodeFiles openFiles(NodeTarget node, Cancellation cancellation) throws IOException {
    long start = System.nanoTime();
    try {
      return new TimedFiles(delegate.openFiles(node, cancellation));
    } finally {
      work.record(start);
    }
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** One remote file operation. */
  private interface Operation<T> {
    T run() throws IOException;
  }

  /** One remote file operation without a result. */
  private interface Action {
    void run() throws IOException;
  }

  private final class TimedFiles implements NodeFiles {
    private final NodeFiles files;

    TimedFiles(NodeFiles files) {
      this.files = files;
    }

    private <T> T timed(Operation<T> operation) throws IOException {
      long start = System.nanoTime();
      try {
        return operation.run();
      } finally {
        work.record(start);
      }
    }

    private void timedAction(Action action) throws IOException {
      timed(() -> {
        action.run();
        return null;
      });
    }

    @Override
    public Optional<Stat> stat(String path) throws IOException {
      return timed(() -> files.stat(path));
    }

    @Override
    public String absolute(String path) throws IOException {
      return timed(() -> files.absolute(path));
    }

    @Override
    public InputStream read(String path) throws IOException {
      long start = System.nanoTime();
      return new FilterInputStream(files.read(path)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            work.record(start);
          }
        }
      };
    }

    @Override
    public void createDirectories(String directory) throws IOException {
      timedAction(() -> files.createDirectories(directory));
    }

    @Override
    public OutputStream write(String path, int mode) throws IOException {
      long start = System.nanoTime();
      return new FilterOutputStream(files.write(path, mode)) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            work.record(start);
          }
        }
      };
    }

    @Override
    public void chmod(String path, int mode) throws IOException {
      timedAction(() -> files.chmod(path, mode));
    }

    @Override
    public void rename(String source, String target) throws IOException {
      timedAction(() -> files.rename(source, target));
    }

    @Override
    public void delete(String path) throws IOException {
      timedAction(() -> files.delete(path));
    }

    @Override
    public void close() throws IOException {
      timedAction(() -> files.close());
    }
  }
}
