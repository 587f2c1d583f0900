package io.qingstor.installer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The SSH fan-out part of RESULTS.md: targets, every series, ratios, scaling and the profile. */
final class SshReport {

  /** The fresh-connection floor: OpenSSH clients in parallel, with OpenSSH's default algorithms. */
  static final String FLOOR = "openssh-parallel-true";
  /** The same floor with the key exchange our client negotiates. */
  static final String FLOOR_SAME_KEX = "openssh-parallel-true-curve25519";

  private static final String[][] COMPARISONS = {
      // ours, baseline
      {"ours-true-cold", FLOOR},
      {"ours-true-cold", FLOOR_SAME_KEX},
      {"ours-true-first-call", FLOOR},
      {"ours-true-first-call-process", FLOOR},
      {"ours-true-cold", "ansible-command-cold"},
      {"ours-true-warm", "ansible-command-warm"},
      {"ours-true-cold", "ansible-raw-cold"},
      {"ours-true-warm", "ansible-raw-warm"},
      {"ours-true-warm", "openssh-mux-true-warm"},
      {"ours-step-cold", "ansible-playbook-step-cold"},
      {"ours-step-warm", "ansible-playbook-step-warm"},
  };
  private static final String[] PHASES = {"connect", "kex", "auth", "open", "exec", "total"};

  private final Series series;
  private final int nodes;

  SshReport(Series series, int nodes) {
    this.series = series;
    this.nodes = nodes;
  }

  /** Returns the fan-out targets, evaluated on the baselines' node count. */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    targets.add(atMost("cold fan-out <= 0.6x the parallel OpenSSH floor (OpenSSH's default key exchange)",
        "ours-true-cold", FLOOR, 0.6));
    targets.add(atMost("cold fan-out <= 0.6x the parallel OpenSSH floor (the key exchange ours negotiates)",
        "ours-true-cold", FLOOR_SAME_KEX, 0.6));
    targets.add(atLeast("cold fan-out >= 5x faster than Ansible `command`", "ansible-command-cold",
        "ours-true-cold", 5));
    Optional<Stats> warm = series.stats("ours-true-warm", nodes);
    targets.add(new Target("warm fan-out to " + nodes + " nodes < 0.2 s",
        warm.map(s -> "median " + Markdown.seconds(s.median())).orElse("missing"),
        warm.map(s -> s.median() < 0.2).orElse(null)));
    targets.add(atLeast("3-task step >= 10x faster than the playbook (cold)", "ansible-playbook-step-cold",
        "ours-step-cold", 10));
    return targets;
  }

  /** Judged on the per-round ratios where there are enough rounds, else on the ratio of medians. */
  private Target atMost(String goal, String ours, String baseline, double limit) {
    Optional<Stats> paired = paired(ours, baseline);
    if (paired.isPresent()) {
      Stats p = paired.get();
      return new Target(goal, "ours / floor per round: median " + Markdown.ratio(p.median()) + " ("
          + Markdown.ratio(p.min()) + "-" + Markdown.ratio(p.max()) + ")", p.median() <= limit);
    }
    Optional<Ratio> ratio = ratio(ours, baseline);
    return new Target(goal, ratio.map(r -> "ours / floor = " + r.text()).orElse("missing"),
        ratio.map(r -> r.median() <= limit).orElse(null));
  }

  /** Per-round ratios, for baselines run in the same rounds as ours (the OpenSSH ones). */
  private Optional<Stats> paired(String ours, String baseline) {
    return baseline.startsWith("openssh-") ? series.pairedRatios(ours, baseline, nodes, 3) : Optional.empty();
  }

  private Target atLeast(String goal, String slower, String ours, double factor) {
    Optional<Ratio> ratio = ratio(slower, ours);
    return new Target(goal, ratio.map(r -> "speed-up " + r.text()).orElse("missing"),
        ratio.map(r -> r.median() >= factor).orElse(null));
  }

  private Optional<Ratio> ratio(String numerator, String denominator) {
    Optional<Stats> top = series.stats(numerator, nodes);
    Optional<Stats> bottom = series.stats(denominator, nodes);
    return top.isPresent() && bottom.isPresent() ? Optional.of(Ratio.of(top.get(), bottom.get())) : Optional.empty();
  }

  /** Writes the fan-out sections. */
  void write(Markdown md) {
    md.heading(2, "SSH fan-out");
    md.paragraph("Wall-clock seconds per run; every run must succeed on every node to count. 'cold' starts"
        + " from no open connection (ours: a freshly built SshExecutor, its construction included; Ansible:"
        + " an empty ControlPersist directory), 'warm' repeats at once over the open connections. Each round runs"
        + " the OpenSSH baselines and ours one after the other (ours in a fresh JVM after unrecorded warm-up"
        + " runs); the Ansible runs follow.");
    series.stats("background-idle-cpu-machine", 0).ifPresent(s -> md.paragraph(String.format(Locale.ROOT,
        "Background load: while the harness idled 2 s before each round, other processes kept a median of"
        + " %.2f cores busy (min %.2f, max %.2f). The machine may be shared; a loaded round slows ours and its"
        + " baselines alike, which is why the figures that count are ratios.", s.median() / 2, s.min() / 2,
        s.max() / 2)));
    writeSeries(md);
    writeRatios(md);
    writeScaling(md);
    writeProfile(md);
  }

  private void writeSeries(Markdown md) {
    md.table("series", "nodes", "runs", "min", "median", "max");
    for (String key : series.keys()) {
      if (!key.startsWith("phase-") && !key.startsWith("background-") && !key.contains("-cpu-")) {
        Stats s = series.stats(key);
        md.row(key.substring(0, key.indexOf('@')), key.substring(key.indexOf('@') + 1), s.count(),
            Markdown.seconds(s.min()), Markdown.seconds(s.median()), Markdown.seconds(s.max()));
      }
    }
  }

  private void writeRatios(Markdown md) {
    md.heading(3, "Ratios at " + nodes + " nodes");
    md.paragraph("Ratio of medians, with the range over the most and least favourable pairing of runs; for the"
        + " OpenSSH baselines, which run in the same rounds as ours, also the median (min-max) of the per-round"
        + " ratios, which compare runs made moments apart under the same background load.");
    md.table("ours", "baseline", "ours median", "baseline median", "ours / baseline", "per round",
        "speed-up (baseline / ours)");
    for (String[] pair : COMPARISONS) {
      Optional<Stats> ours = series.stats(pair[0], nodes);
      Optional<Stats> base = series.stats(pair[1], nodes);
      if (ours.isPresent() && base.isPresent()) {
        md.row(pair[0], pair[1], Markdown.seconds(ours.get().median()), Markdown.seconds(base.get().median()),
            Ratio.of(ours.get(), base.get()).text(), paired(pair[0], pair[1]).map(p -> Markdown.ratio(p.median())
                + " (" + Markdown.ratio(p.min()) + "-" + Markdown.ratio(p.max()) + ")").orElse("-"),
            Ratio.of(base.get(), ours.get()).text());
      } else {
        md.row(pair[0], pair[1], ours.map(s -> Markdown.seconds(s.median())).orElse("missing"),
            base.map(s -> Markdown.seconds(s.median())).orElse("missing"), "-", "-", "-");
      }
    }
  }

  private void writeScaling(Markdown md) {
    md.heading(3, "Scaling");
    md.table("nodes", "ours cold", "ours warm", "parallel OpenSSH floor", "ours cold / floor",
        "ours cold per node", "ours warm per node");
    for (String key : series.keys()) {
      if (key.startsWith("ours-true-cold@")) {
        int n = Integer.parseInt(key.substring(key.indexOf('@') + 1));
        Stats cold = series.stats(key);
        Optional<Stats> warm = series.stats("ours-true-warm", n);
        Optional<Stats> floor = series.stats(FLOOR, n);
        md.row(n, Markdown.seconds(cold.median()), warm.map(s -> Markdown.seconds(s.median())).orElse("-"),
            floor.map(s -> Markdown.seconds(s.median())).orElse("-"),
            floor.map(s -> Ratio.of(cold, s).text()).orElse("-"), Markdown.seconds(cold.median() / n),
            warm.map(s -> Markdown.seconds(s.median() / n)).orElse("-"));
      }
    }
  }

  /**
   * On a CPU-bound machine the servers' share of a cold run bounds how fast any client can be:
   * says what that bound is against the same-key-exchange floor.
   */
  private void boundParagraph(Markdown md) {
    Optional<Stats> machine = series.stats("ours-true-cold-cpu-machine", nodes);
    Optional<Stats> jvm = series.stats("ours-true-cold-cpu-jvm", nodes);
    Optional<Stats> floor = series.stats(FLOOR_SAME_KEX, nodes);
    if (machine.isEmpty() || jvm.isEmpty() || floor.isEmpty()) {
      return;
    }
    double servers = machine.get().median() - jvm.get().median();
    int cores = Runtime.getRuntime().availableProcessors();
    md.paragraph(String.format(Locale.ROOT, "During our cold run everything but our JVM (the sshd processes and the"
        + " shells they start) used a median of %.2f CPU-seconds. On %d cores that alone takes %s, so even a client"
        + " using no CPU at all could not beat %s against the same-key-exchange floor (%s) on this machine.",
        servers, cores, Markdown.seconds(servers / cores), Markdown.ratio(servers / cores / floor.get().median()),
        Markdown.seconds(floor.get().median())));
  }

  private void writeProfile(Markdown md) {
    md.heading(3, "Where the time goes (" + nodes + " nodes)");
    md.paragraph("CPU seconds used during a run, by our JVM and by the whole machine (2 cores give at most"
        + " 2 CPU-seconds per wall-clock second). The rest of the machine's share is sshd and the shells it starts"
        + " (and, for baselines, the ssh/ansible processes).");
    md.table("run", "wall median", "JVM CPU median", "machine CPU median");
    for (String name : List.of("ours-true-cold", "ours-true-warm", "ours-step-cold", "ours-step-warm",
        FLOOR, FLOOR_SAME_KEX, "ansible-command-cold", "ansible-playbook-step-cold")) {
      series.stats(name, nodes).ifPresent(wall -> md.row(name, Markdown.seconds(wall.median()),
          series.stats(name + "-cpu-jvm", nodes).map(s -> Markdown.number(s.median())).orElse("-"),
          series.stats(name + "-cpu-machine", nodes).map(s -> Markdown.number(s.median())).orElse("-")));
    }
    boundParagraph(md);
    md.paragraph("Per-node phases of a cold fan-out with MINA SSHD driven directly (one sample per node and"
        + " run; all nodes at once). " + series.note("phase-wall", nodes).map(n -> "Negotiated: " + n + ".")
        .orElse(""));
    md.table("phase", "min", "median", "max");
    for (String phase : PHASES) {
      series.stats("phase-" + phase, nodes).ifPresent(s -> md.row(phase, Markdown.seconds(s.min()),
          Markdown.seconds(s.median()), Markdown.seconds(s.max())));
    }
    md.table("warm fan-out of `true` over open sessions", "min", "median", "max");
    for (String[] row : new String[][] {{"phase-warm-plain", "plain exec channel (MINA)"},
        {"phase-warm-launcher", "with our process-group launcher (MINA)"}, {"ours-true-warm", "SshExecutor + FanOut"},
        {"openssh-mux-true-warm", "OpenSSH clients over ControlMaster connections"}}) {
      series.stats(row[0], nodes).ifPresent(s -> md.row(row[1], Markdown.seconds(s.min()),
          Markdown.seconds(s.median()), Markdown.seconds(s.max())));
    }
    series.stats("phase-parse-key", 1).ifPresent(s -> md.paragraph("Parsing the private key (done once per"
        + " connection): median " + Markdown.seconds(s.median()) + "."));
  }
}
