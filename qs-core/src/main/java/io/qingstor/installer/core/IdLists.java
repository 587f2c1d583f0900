package io.qingstor.installer.core;

import io.qingstor.installer.api.QsApiException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one rule for the id lists actions take ({@code node_ids}, {@code job_ids}): an id named
 * twice counts once, and a list of more than {@link #MAX_IDS} distinct ids is refused, so a
 * request naming one node 60,000 times makes a job of one target.
 */
final class IdLists {
  /** The most ids one list may hold: the inventory's own bound. */
  static final int MAX_IDS = 10_000;

  private IdLists() {}

  /**
   * Returns {@code ids} without repeats, in first-appearance order; null stays null.
   *
   * @throws QsApiException 1100 on {@code field} when it holds more than {@link #MAX_IDS}
   *     distinct ids
   */
  static List<String> distinct(List<String> ids, String field) {
    if (ids == null) {
      return null;
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>(ids);
    if (distinct.size() > MAX_IDS) {
      throw QsApiException.invalidField(field, "at most " + MAX_IDS + " distinct ids, got "
          + distinct.size());
    }
    return List.copyOf(distinct);
  }
}
