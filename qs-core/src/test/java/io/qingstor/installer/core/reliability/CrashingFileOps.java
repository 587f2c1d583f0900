package io.qingstor.installer.core.reliability;

import io.qingstor.installer.core.store.FileOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Real file operations that know, for every file renamed into place, its current content, and
 * that can fail one chosen call: the {@code n}-th call at one boundary of the atomic write. Just
 * before failing it hands the crash action the content every file had at that instant, which is
 * what a {@code kill -9} there would leave; a failing write first writes half of its bytes, as a
 * torn write would.
 */
final class CrashingFileOps implements FileOps {

  /** A point where an atomic write can be interrupted. */
  enum Boundary { WRITE, FORCE, MOVE, FORCE_DIRECTORY }

  /** What to do at the failure point, given each renamed file's content there. */
  interface CrashAction {
    void run(Map<Path, byte[]> renamed);
  }

  /** Where the armed failure happened. */
  record Failure(Boundary boundary, Thread thread, boolean afterRename) {
  }

  private final FileOps real = FileOps.real();
  private final Map<Path, byte[]> renamed = new HashMap<>();
  private final Map<Boundary, Integer> calls = new EnumMap<>(Boundary.class);
  private Boundary armed;
  private int skip;
  private CrashAction crash;
  private Failure failure;
  private Path lastRenamed;

  /** Fails the call after {@code skipCalls} more calls at {@code boundary}, once. */
  synchronized void arm(Boundary boundary, int skipCalls, CrashAction action) {
    this.armed = boundary;
    this.skip = skipCalls;
    this.crash = action;
    this.failure = null;
    this.calls.clear();
  }

  /** Stops failing and returns the failure that happened since {@link #arm}, or null. */
  synchronized Failure disarm() {
    armed = null;
    return failure;
  }

  /** Calls at {@code boundary} since the last {@link #arm}. */
  synchronized int calls(Boundary boundary) {
    return calls.getOrDefault(boundary, 0);
  }

  /** The content of every file renamed into place so far, by absolute path. */
  synchronized Map<Path, byte[]> renamed() {
    return Map.copyOf(renamed);
  }

  @Override
  public void write(FileChannel ch, ByteBuffer data) throws IOException {
    if (shouldFail(Boundary.WRITE, null)) {
      ByteBuffer half = data.duplicate();
      half.limit(half.position() + half.remaining() / 2);
      real.write(ch, half);
      throw failed(Boundary.WRITE);
    }
    real.write(ch, data);
  }

  @Override
  public void force(FileChannel ch) throws IOException {
    if (shouldFail(Boundary.FORCE, null)) {
      throw failed(Boundary.FORCE);
    }
    real.force(ch);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    if (shouldFail(Boundary.MOVE, null)) {
      throw failed(Boundary.MOVE);
    }
    byte[] content = Files.readAllBytes(from);
    synchronized (this) {
      real.move(from, to);
      renamed.put(to.toAbsolutePath().normalize(), content);
      lastRenamed = to.toAbsolutePath().normalize();
    }
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    if (shouldFail(Boundary.FORCE_DIRECTORY, dir)) {
      throw failed(Boundary.FORCE_DIRECTORY);
    }
    real.forceDirectory(dir);
  }

  /**
   * Counts the call and decides whether it fails; if so, runs the crash action while holding the
   * lock, so no other rename slips in between the snapshot and the failure.
   */
  private synchronized boolean shouldFail(Boundary boundary, Path dir) {
    calls.merge(boundary, 1, Integer::sum);
    boolean afterRename = dir != null && lastRenamed != null
        && dir.toAbsolutePath().normalize().equals(lastRenamed.getParent());
    lastRenamed = null;
    if (armed != boundary) {
      return false;
    }
    if (skip > 0) {
      skip--;
      return false;
    }
    armed = null;
    failure = new Failure(boundary, Thread.currentThread(), afterRename);
    try {
      crash.run(Map.copyOf(renamed));
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("crash action failed", e));
    }
    return true;
  }

  private static IOException failed(Boundary boundary) {
    return new IOException("injected failure at " + boundary);
  }
}
