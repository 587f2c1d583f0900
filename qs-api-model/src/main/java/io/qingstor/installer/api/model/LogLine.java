package io.qingstor.installer.api.model;

/**
 * One log line of a step: when, from which node (absent for the job's own lines), which stream
 * ({@code stdout}, {@code stderr}, {@code info}, {@code error}) and the text.
 */
public record LogLine(String time, String node, String stream, String text) {}
