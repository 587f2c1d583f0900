package io.qingstor.installer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds a Markdown document: headings, paragraphs and tables. */
final class Markdown {

  private final StringBuilder text = new StringBuilder();
  private List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /** Adds a heading of {@code level} (1-6). */
  Markdown heading(int level, String title) {
    flushTable();
    text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
    return this;
  }

  /** Adds a paragraph. */
  Markdown paragraph(String paragraph) {
    flushTable();
    text.append(paragraph).append("\n\n");
    return this;
  }

  /** Starts a table with these column titles; rows follow with {@link #row}. */
  Markdown table(String... columns) {
    flushTable();
    header = List.of(columns);
    return this;
  }

  /** Adds a row to the current table. */
  Markdown row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(String.valueOf(cell).replace("|", "\\|").replace("\n", " "));
    }
    rows.add(row);
    return this;
  }

  /** Returns the document. */
  String build() {
    flushTable();
    return text.toString();
  }

  private void flushTable() {
    if (header == null) {
      return;
    }
    text.append("| ").append(String.join(" | ", header)).append(" |\n");
    text.append("|").append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      text.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    text.append('\n');
    header = null;
    rows.clear();
  }

  /** Formats seconds with a unit that keeps 3 significant digits readable. */
  static String seconds(double seconds) {
    if (seconds >= 1) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
  }

  /** Formats a number with 3 decimals (or fewer digits when it is large). */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.1f", value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  /** Formats a ratio, e.g. {@code 0.31x}. */
  static String ratio(double ratio) {
    return ratio >= 10 ? String.format(Locale.ROOT, "%.1fx", ratio) : String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
