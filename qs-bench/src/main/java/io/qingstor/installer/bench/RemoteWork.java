package io.qingstor.installer.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The intervals during which remote work was in flight: every command an executor ran (from the
 * call to its return: SSH channel, the script, its output) and every file operation (opening the
 * node's files, each stat/mkdir/chmod/rename/delete, each file from opening its stream to closing
 * it), on any node, the firstbox's local commands included. {@link #busyNanos} is the union of
 * those intervals within a window: the time during which at least one node was working for the
 * job. The rest of the window is control plane: the engine with nothing remote in flight.
 * Thread-safe.
 */
final class RemoteWork {
  private record Interval(long start, long end) {
  }

  private final List<Interval> intervals = new ArrayList<>();

  /** Records work from {@code startNanos} to now ({@link System#nanoTime()}). */
  void record(long startNanos) {
    add(startNanos, System.nanoTime());
  }

  /** Records work from {@code startNanos} to {@code endNanos}. */
  void add(long startNanos, long endNanos) {
    synchronized (intervals) {
      intervals.add(new Interval(startNanos, endNanos));
    }
  }

  /** Operations recorded that started within the window. */
  int count(long fromNanos, long toNanos) {
    synchronized (intervals) {
      return (int) intervals.stream().filter(i -> i.start() >= fromNanos && i.start() < toNanos)
          .count();
    }
  }

  /** The union of the recorded intervals, clipped to {@code [fromNanos, toNanos]}. */
  long busyNanos(long fromNanos, long toNanos) {
    List<Interval> sorted;
    synchronized (intervals) {
      sorted = new ArrayList<>(intervals);
    }
    sorted.sort(Comparator.comparingLong(Interval::start));
    long busy = 0;
    long coveredTo = fromNanos;
    for (Interval interval : sorted) {
      long start = Math.max(interval.start(), coveredTo);
      long end = Math.min(interval.end(), toNanos);
      if (end > start) {
        busy += end - start;
        coveredTo = end;
      }
    }
    return busy;
  }
}
