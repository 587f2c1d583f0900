package io.qingstor.installer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** A plain-text table with aligned columns; an absent cell prints as {@code -}. */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  /** A table with these column headers. */
  public static Table of(String... headers) {
    return new Table(List.of(headers));
  }

  /**
   * Adds a row; collections print comma-separated.
   *
   * @throws IllegalArgumentException when the row has more or fewer cells than the headers
   */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row of " + headers.size() + " cells expected, got "
          + cells.length);
    }
    rows.add(Arrays.stream(cells).map(Table::text).toList());
    return this;
  }

  /** Prints the headers and rows, each column as wide as its widest cell. */
  public void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (List<String> line : lines()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : lines()) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = line.get(i);
        text.append(cell);
        if (i < widths.length - 1) {
          text.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(text.toString().stripTrailing());
    }
  }

  /** Prints {@code key: value} pairs, one a line, the values aligned. */
  public static void pairs(PrintWriter out, Object... keysAndValues) {
    int width = 0;
    for (int i = 0; i < keysAndValues.length; i += 2) {
      width = Math.max(width, keysAndValues[i].toString().length());
    }
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = keysAndValues[i] + ":";
      out.println(key + " ".repeat(width + 2 - key.length()) + text(keysAndValues[i + 1]));
    }
  }

  private List<List<String>> lines() {
    List<List<String>> all = new ArrayList<>(rows.size() + 1);
    all.add(headers);
    all.addAll(rows);
    return all;
  }

  private static String text(Object cell) {
    if (cell == null) {
      return "-";
    }
    if (cell instanceof Collection<?> values) {
      return values.isEmpty() ? "-" : String.join(",", values.stream().map(Table::text).toList());
    }
    String value = cell.toString();
    return value.isEmpty() ? "-" : value;
  }
}
