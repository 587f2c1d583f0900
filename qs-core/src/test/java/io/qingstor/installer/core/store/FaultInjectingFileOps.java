package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real file operations that record every call and can fail one chosen call: before failing it
 * runs a "crash" action (e.g. a snapshot of the disk as a crash would leave it); a failing write
 * first writes half of its data, as a torn write would.
 */
final class FaultInjectingFileOps implements FileOps {

  /** A point where an atomic write can be interrupted. */
  enum Boundary { WRITE, FORCE, MOVE, FORCE_DIRECTORY }

  /** Something to do at the failure point before the exception is thrown. */
  interface CrashAction {
    void run(FileChannel channel) throws IOException;
  }

  /** One recorded call: the boundary and, for move and forceDirectory, the path. */
  record Call(Boundary boundary, Path path) {
  }

  private final FileOps real = FileOps.real();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private Boundary failAt;
  private int skip;
  private CrashAction crash;

  /** Fails the next call at {@code boundary}. */
  synchronized void failNext(Boundary boundary) {
    failNext(boundary, 0, ch -> { });
  }

  /** Lets {@code skip} calls at {@code boundary} pass, then runs {@code crash} and fails the next one. */
  synchronized void failNext(Boundary boundary, int skip, CrashAction crash) {
    this.failAt = boundary;
    this.skip = skip;
    this.crash = crash;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void write(FileChannel ch, ByteBuffer data) throws IOException {
    calls.add(new Call(Boundary.WRITE, null));
    if (shouldFail(Boundary.WRITE)) {
      ByteBuffer half = data.duplicate();
      half.limit(half.position() + half.remaining() / 2);
      real.write(ch, half);
      fail(Boundary.WRITE, ch);
    }
    real.write(ch, data);
  }

  @Override
  public void force(FileChannel ch) throws IOException {
    calls.add(new Call(Boundary.FORCE, null));
    if (shouldFail(Boundary.FORCE)) {
      fail(Boundary.FORCE, ch);
    }
    real.force(ch);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    calls.add(new Call(Boundary.MOVE, to));
    if (shouldFail(Boundary.MOVE)) {
      fail(Boundary.MOVE, null);
    }
    real.move(from, to);
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    calls.add(new Call(Boundary.FORCE_DIRECTORY, dir));
    if (shouldFail(Boundary.FORCE_DIRECTORY)) {
      fail(Boundary.FORCE_DIRECTORY, null);
    }
    real.forceDirectory(dir);
  }

  private synchronized boolean shouldFail(Boundary boundary) {
    if (failAt != boundary) {
      return false;
    }
    if (skip > 0) {
      skip--;
      return false;
    }
    failAt = null;
    return true;
  }

  private void fail(Boundary boundary, FileChannel channel) throws IOException {
    crash.run(channel);
    throw new IOException("injected failure at " + boundary);
  }
}
