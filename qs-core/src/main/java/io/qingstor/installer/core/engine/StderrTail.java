package io.qingstor.installer.core.engine;

import java.util.ArrayDeque;
import java.util.List;

/** The last lines a command wrote to stderr, for its diagnosis; bounded, thread-safe. */
final class StderrTail {
  private final int capacity;
  private final ArrayDeque<String> lines = new ArrayDeque<>();

  StderrTail(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(String line) {
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  /** The newest line, or null when there was none. */
  synchronized String last() {
    return lines.peekLast();
  }

  /** The kept lines, oldest first. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
