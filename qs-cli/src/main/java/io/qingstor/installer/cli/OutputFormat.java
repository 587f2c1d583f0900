package io.qingstor.installer.cli;

/** How results print: {@code table} for people (the default), {@code json} for scripts. */
public enum OutputFormat {
  /** Aligned columns and {@code key: value} lines. */
  TABLE,
  /** The server's response as JSON, exactly its fields, pretty-printed. */
  JSON
}
