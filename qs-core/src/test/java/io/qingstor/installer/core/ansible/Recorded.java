package io.qingstor.installer.core.ansible;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A listener that keeps every line and the last progress it was told. */
final class Recorded implements PlaybookListener {
  record Line(String host, String stream, String text) {}

  final List<Line> lines = new CopyOnWriteArrayList<>();
  final AtomicReference<int[]> progress = new AtomicReference<>();

  @Override
  public void line(String host, String stream, String text) {
    lines.add(new Line(host, stream, text));
  }

  @Override
  public void progress(int done, int total) {
    progress.set(new int[] {done, total});
  }

  List<String> of(String host) {
    return lines.stream().filter(l -> host.equals(l.host())).map(Line::text).toList();
  }

  boolean mentions(String text) {
    return lines.stream().anyMatch(l -> l.text().contains(text));
  }
}
