package io.qingstor.installer.core.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An output listener that records every line, for assertions. */
public final class RecordingListener implements OutputListener {

  /** One received line. */
  public record Line(StreamKind stream, String text) { }

  private final List<Line> lines = new CopyOnWriteArrayList<>();

  @Override
  public void onLine(StreamKind stream, String line) {
    lines.add(new Line(stream, line));
  }

  /** Returns all lines in arrival order. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** Returns the texts of the lines of {@code stream}, in order. */
  public List<String> of(StreamKind stream) {
    List<String> result = new ArrayList<>();
    for (Line line : lines) {
      if (line.stream() == stream) {
        result.add(line.text());
      }
    }
    return result;
  }

  /** Returns whether a line with exactly {@code text} arrived on stdout. */
  public boolean saw(String text) {
    return of(StreamKind.STDOUT).contains(text);
  }
}
