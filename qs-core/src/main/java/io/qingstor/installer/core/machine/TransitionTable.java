package io.qingstor.installer.core.machine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A state machine as one table: every row is (from, event, guard, to, effects). A pair with no
 * row is illegal, and may carry a note saying why (shown to the caller). Guards are named
 * conditions on a context the caller passes; effects are named, and the caller performs them,
 * so the table stays data. The table checks itself when built (no pair with two unguarded rows,
 * nothing leaves a final state), renders its own Mermaid diagram, and reports which rows a
 * {@link Coverage} saw fired, so a test can fail on a row nothing exercises. Immutable and
 * thread-safe.
 *
 * @param <S> the states
 * @param <E> the events
 * @param <C> what guards look at
 * @param <F> the named effects
 */
public final class TransitionTable<S extends Enum<S>, E extends Enum<E>, C, F extends Enum<F>> {
  /**
   * A named condition a row needs; {@code refusal} says, from the context, why it does not hold.
   */
  public record Guard<C>(String name, Predicate<C> holds, Function<C, String> refusal) {
    public Guard {
      requireNonNull(name, "name");
      requireNonNull(holds, "holds");
      requireNonNull(refusal, "refusal");
    }
  }

  /** One row: in {@code from}, {@code event} (when {@code guard} holds) leads to {@code to}. */
  public record Row<S, E, C, F>(S from, E event, Guard<C> guard, S to, Set<F> effects) {
    public Row {
      requireNonNull(from, "from");
      requireNonNull(event, "event");
      requireNonNull(to, "to");
      effects = Set.copyOf(effects);
    }

    @Override
    public String toString() {
      return from + " --" + event + (guard == null ? "" : " [" + guard.name() + "]") + "--> "
          + to + (effects.isEmpty() ? "" : " / " + effects);
    }
  }

  /**
   * What firing an event gave: the row taken, or why none may be: the guard that did not hold
   * (null when the pair has no row at all) and the refusal, the guard's reason or the pair's
   * note (empty when it has none).
   */
  public record Fired<S, E, C, F>(
      Optional<Row<S, E, C, F>> row, Guard<C> failedGuard, String refusal) {
    /** The state the row leads to; throws IllegalStateException with the refusal when none. */
    public S to() {
      return row.map(Row::to).orElseThrow(() -> new IllegalStateException(refusal));
    }
  }

  /** Records the rows fired while it is open. */
  public final class Coverage implements AutoCloseable {
    private final Set<Row<S, E, C, F>> fired = ConcurrentHashMap.newKeySet();

    private Coverage() {}

    /** The rows no event took while this was open, in table order. */
    public List<Row<S, E, C, F>> unexercised() {
      return rows.stream().filter(row -> !fired.contains(row)).collect(Collectors.toList());
    }

    @Override
    public void close() {
      coverages.remove(this);
    }
  }

  private final String name;
  private final List<Row<S, E, C, F>> rows;
  private final Map<S, Map<E, List<Row<S, E, C, F>>>> index;
  private final Map<S, Map<E, String>> notes;
  private final List<Coverage> coverages = new CopyOnWriteArrayList<>();

  private TransitionTable(Builder<S, E, C, F> builder) {
    this.name = builder.name;
    this.rows = List.copyOf(builder.rows);
    this.index = new EnumMap<>(builder.states);
    this.notes = new EnumMap<>(builder.states);
    for (S state : builder.states.getEnumConstants()) {
      index.put(state, new EnumMap<>(builder.events));
      notes.put(state, new EnumMap<>(builder.events));
    }
    for (Row<S, E, C, F> row : rows) {
      if (builder.finals.contains(row.from())) {
        throw new IllegalStateException(name + ": the final state " + row.from() + " cannot move: "
            + row);
      }
      List<Row<S, E, C, F>> same = index.get(row.from()).computeIfAbsent(row.event(),
          e -> new ArrayList<>());
      if (same.stream().anyMatch(other -> other.guard() == null || row.guard() == null)) {
        throw new IllegalStateException(name + ": two rows for " + row.from() + " and "
            + row.event() + " without telling them apart by guards: " + row);
      }
      same.add(row);
    }
    builder.notes.forEach((key, note) -> {
      if (index.get(key.from()).containsKey(key.event())) {
        throw new IllegalStateException(name + ": a note on a legal pair " + key);
      }
      notes.get(key.from()).put(key.event(), note);
    });
  }

  /** A builder of a table over these states, events, guard context and effects. */
  public static <S extends Enum<S>, E extends Enum<E>, C, F extends Enum<F>> Builder<S, E, C, F>
      builder(String name, Class<S> states, Class<E> events, Class<C> context,
          Class<F> effects) {
    return new Builder<>(name, states, events);
  }

  /**
   * Fires {@code event} in {@code from}: the row whose guard holds for {@code context}, or the
   * refusal (the pair's note, or the failed guard's reason). Records the row for coverage.
   */
  public Fired<S, E, C, F> fire(S from, E event, C context) {
    List<Row<S, E, C, F>> candidates = index.get(from).getOrDefault(event, List.of());
    if (candidates.isEmpty()) {
      String note = notes.get(from).get(event);
      return new Fired<>(Optional.empty(), null, note == null ? "" : note);
    }
    Guard<C> failed = null;
    for (Row<S, E, C, F> row : candidates) {
      if (row.guard() == null || row.guard().holds().test(context)) {
        coverages.forEach(coverage -> coverage.fired.add(row));
        return new Fired<>(Optional.of(row), null, "");
      }
      failed = row.guard();
    }
    return new Fired<>(Optional.empty(), failed, failed.refusal().apply(context));
  }

  /** The events with a row from {@code from}, guarded or not. */
  public Set<E> eventsFrom(S from) {
    return Set.copyOf(index.get(from).keySet());
  }

  /** Every row, in declaration order. */
  public List<Row<S, E, C, F>> rows() {
    return rows;
  }

  /** Starts recording which rows fire, until the returned coverage is closed. */
  public Coverage startCoverage() {
    Coverage coverage = new Coverage();
    coverages.add(coverage);
    return coverage;
  }

  /** The table as a Mermaid state diagram: one arrow per row, labelled event [guard] / effects. */
  public String mermaid(Function<S, String> stateName, Function<E, String> eventName) {
    StringBuilder out = new StringBuilder("stateDiagram-v2\n");
    for (Row<S, E, C, F> row : rows) {
      out.append("  ").append(stateName.apply(row.from())).append(" --> ")
          .append(stateName.apply(row.to())).append(": ").append(eventName.apply(row.event()));
      if (row.guard() != null) {
        out.append(" [").append(row.guard().name()).append(']');
      }
      if (!row.effects().isEmpty()) {
        out.append(" / ").append(row.effects().stream().map(Enum::name).sorted()
            .map(effect -> effect.toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Builds a table; rows keep their order. */
  public static final class Builder<S extends Enum<S>, E extends Enum<E>, C, F extends Enum<F>> {
    private record Pair<S, E>(S from, E event) {}

    private final String name;
    private final Class<S> states;
    private final Class<E> events;
    private final List<Row<S, E, C, F>> rows = new ArrayList<>();
    private final Map<Pair<S, E>, String> notes = new LinkedHashMap<>();
    private Set<S> finals = Set.of();

    private Builder(String name, Class<S> states, Class<E> events) {
      this.name = requireNonNull(name, "name");
      this.states = requireNonNull(states, "states");
      this.events = requireNonNull(events, "events");
    }

    /** A row without guard. */
    @SafeVarargs
    public final Builder<S, E, C, F> row(S from, E event, S to, F... effects) {
      return row(from, event, null, to, effects);
    }

    /** A row taken only when {@code guard} holds. */
    @SafeVarargs
    public final Builder<S, E, C, F> row(S from, E event, Guard<C> guard, S to, F... effects) {
      rows.add(new Row<>(from, event, guard, to, Set.of(effects)));
      return this;
    }

    /** Says why {@code event} is illegal in {@code from}, for the refusal's message. */
    public Builder<S, E, C, F> note(S from, E event, String why) {
      notes.put(new Pair<>(from, event), requireNonNull(why, "why"));
      return this;
    }

    /** States no row may leave. */
    @SafeVarargs
    public final Builder<S, E, C, F> finalStates(S... finalStates) {
      Set<S> set = EnumSet.noneOf(states);
      set.addAll(List.of(finalStates));
      this.finals = set;
      return this;
    }

    /**
     * The table.
     *
     * @throws IllegalStateException when a final state has a row, a pair has two rows not told
     *     apart by guards, or a note sits on a legal pair
     */
    public TransitionTable<S, E, C, F> build() {
      return new TransitionTable<>(this);
    }
  }
}
