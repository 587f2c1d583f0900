package io.qingstor.installer.core.store;

import java.nio.file.Path;

/** The child JVM of {@link DataDirLockTest}: takes a data directory's lock and holds it. */
public final class LockHolderProbe {
  private LockHolderProbe() {}

  public static void main(String[] args) throws Exception {
    DataDirLock.acquire(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    System.in.read(); // until the test kills this process
  }
}
