package io.qingstor.installer.core.nodes;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.WireTime;
import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads the output of {@link FactsScript} into {@link HardwareFacts}.
 *
 * <p>Forward compatible: lines of a kind it does not know are ignored, so a newer script may add
 * facts. Strict about the kinds it knows: a malformed value, a wrong number of fields or a
 * repeated single fact is a {@link FactsParseException} naming the line. Facts the output does
 * not have become null (or empty lists). Values are plain text, never interpreted; control
 * characters in free-text values are removed.
 *
 * <p>Bounded: at most {@link #MAX_BLOCK_DEVICES} block devices, {@link #MAX_INTERFACES}
 * interfaces and {@link #MAX_ADDRESSES} addresses are kept, lines longer than {@link
 * #MAX_LINE_CHARS} are skipped, and {@link #read} returns a warning for each kind of thing left
 * out, so a node printing without end can neither exhaust memory nor grow the stored inventory
 * past what it can read back.
 */
public final class FactsParser {
  /** The most block devices kept per node. */
  public static final int MAX_BLOCK_DEVICES = 256;
  /** The most network interfaces kept per node. */
  public static final int MAX_INTERFACES = 64;
  /** The most addresses kept per node, all interfaces together. */
  public static final int MAX_ADDRESSES = 256;
  /** Lines longer than this are skipped whole. */
  public static final int MAX_LINE_CHARS = 4096;

  /** Facts and what was left out of them. */
  public record Reading(HardwareFacts facts, List<String> warnings) {
    /** Copies the warnings. */
    public Reading {
      requireNonNull(facts, "facts");
      warnings = List.copyOf(warnings);
    }
  }

  private static final String VERSION_KEY = "facts-version";
  private static final int MAX_VALUE_LENGTH = 1024;
  private static final long SECTOR_BYTES = 512;
  private static final long KIB = 1024;
  private static final long MAX_KIB = Long.MAX_VALUE / KIB;
  private static final int MAX_CPUS = 1 << 20;
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
  private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){0,31}");
  private static final String UNKNOWN = "-";

  /** What each known kind of line does; single-valued kinds may appear once. */
  private static final Map<String, BiConsumer<Collected, Line>> KINDS = Map.ofEntries(
      Map.entry(VERSION_KEY, Collected::requireVersion),
      Map.entry("hostname", (c, line) -> c.hostname = line.text()),
      Map.entry("os", (c, line) -> c.os = line.text()),
      Map.entry("kernel", (c, line) -> c.kernel = line.text()),
      Map.entry("arch", (c, line) -> c.arch = line.text()),
      Map.entry("cpus", (c, line) -> c.cpus = (int) line.onlyNumber(1, MAX_CPUS)),
      Map.entry("mem_kb", (c, line) -> c.memoryBytes = line.onlyNumber(0, MAX_KIB) * KIB),
      Map.entry("disk", Collected::addDisk),
      Map.entry("iface", Collected::addInterface),
      Map.entry("addr", Collected::addAddress));

  private static final Set<String> REPEATABLE = Set.of("disk", "iface", "addr");

  private FactsParser() {}

  /**
   * Parses facts.sh output; {@code collectedAt} becomes the wire-format {@code collectTime}.
   *
   * @throws FactsParseException when the first line is not a supported {@code facts-version},
   *     or a known line is malformed or repeated
   */
  public static HardwareFacts parse(String output, Instant collectedAt) {
    return parse(output, collectedAt, new Collected()).facts();
  }

  /**
   * Parses the output kept in {@code output}, as {@link #parse(String, Instant)} does, and warns
   * about every kind of thing left out: lines past the buffer, long lines, devices, interfaces
   * and addresses beyond the bounds.
   *
   * @throws FactsParseException as {@link #parse(String, Instant)}
   */
  public static Reading read(FactsBuffer output, Instant collectedAt) {
    Collected collected = new Collected();
    collected.droppedOutputLines = output.droppedLines();
    return parse(output.text(), collectedAt, collected);
  }

  private static Reading parse(String output, Instant collectedAt, Collected collected) {
    requireNonNull(output, "output");
    requireNonNull(collectedAt, "collectedAt");
    Map<String, Integer> firstSeen = new HashMap<>();
    String[] lines = output.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].length() > MAX_LINE_CHARS) {
        collected.longLines++;
        continue;
      }
      Line line = Line.of(i + 1, lines[i]);
      if (line == null) {
        continue;
      }
      if (!collected.versionSeen && !line.key().equals(VERSION_KEY)) {
        throw line.error("expected '" + VERSION_KEY + " " + FactsScript.FORMAT_VERSION
            + "' first: this is not facts.sh output");
      }
      BiConsumer<Collected, Line> kind = KINDS.get(line.key());
      if (kind == null) {
        continue;
      }
      Integer previous = firstSeen.putIfAbsent(line.key(), line.number());
      if (previous != null && !REPEATABLE.contains(line.key())) {
        throw line.error("repeats '" + line.key() + "' (first on line " + previous + ")");
      }
      kind.accept(collected, line);
    }
    if (!collected.versionSeen) {
      throw new FactsParseException(1, "empty: this is not facts.sh output");
    }
    return new Reading(collected.toFacts(WireTime.format(collectedAt)), collected.warnings());
  }

  /** One non-blank line: its number, its kind (the first word) and the rest. */
  private record Line(int number, String key, String value) {
    static Line of(int number, String raw) {
      String text = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (text.isBlank()) {
        return null;
      }
      int space = text.indexOf(' ');
      return space < 0 ? new Line(number, text, "") : new Line(number, text.substring(0, space),
          text.substring(space + 1));
    }

    FactsParseException error(String problem) {
      return new FactsParseException(number, problem);
    }

    /** The value as free text: control characters removed, not empty, not too long. */
    String text() {
      String text = value.codePoints().filter(c -> !Character.isISOControl(c))
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
          .toString().strip();
      if (text.isEmpty()) {
        throw error("'" + key + "' has no value");
      }
      checkLength(text);
      return text;
    }

    /** The value as exactly {@code count} space-separated fields without control characters. */
    String[] fields(int count) {
      checkLength(value);
      String[] fields = value.isEmpty() ? new String[0] : value.split(" ", -1);
      if (fields.length != count) {
        throw error("'" + key + "' needs " + count + " field(s) separated by one space, got "
            + fields.length + ": " + Quoted.of(value));
      }
      for (String field : fields) {
        if (field.isEmpty() || field.chars().anyMatch(Character::isISOControl)) {
          throw error("'" + key + "' has an empty field or a control character: "
              + Quoted.of(value));
        }
      }
      return fields;
    }

    /** The value as one whole number within [min, max]. */
    long onlyNumber(long min, long max) {
      return number(fields(1)[0], min, max);
    }

    long number(String field, long min, long max) {
      long parsed = NUMBER.matcher(field).matches() ? Long.parseLong(field) : -1;
      if (parsed < min || parsed > max) {
        throw error("'" + key + "' needs a whole number " + min + "-" + max + ", got "
            + Quoted.of(field));
      }
      return parsed;
    }

    /** A number field or {@code -} for unknown (null). */
    Long numberOrUnknown(String field, long max) {
      return field.equals(UNKNOWN) ? null : number(field, 0, max);
    }

    /** A {@code 0|1} field or {@code -} for unknown (null). */
    Boolean flag(String field, String name) {
      return switch (field) {
        case "0" -> false;
        case "1" -> true;
        case UNKNOWN -> null;
        default -> throw error("'" + key + "' needs " + name + " 0, 1 or -, got "
            + Quoted.of(field));
      };
    }

    private void checkLength(String text) {
      if (text.length() > MAX_VALUE_LENGTH) {
        throw error("'" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
      }
    }
  }

  /** The facts gathered so far, in the order the output gave them. */
  private static final class Collected {
    boolean versionSeen;
    String hostname;
    String os;
    String kernel;
    String arch;
    Integer cpus;
    Long memoryBytes;
    final Map<String, BlockDevice> disks = new LinkedHashMap<>();
    final Map<String, String> macs = new LinkedHashMap<>();
    final Set<String> declared = new LinkedHashSet<>();
    final Map<String, Set<String>> addresses = new LinkedHashMap<>();
    long droppedOutputLines;
    int longLines;
    int droppedDisks;
    int droppedInterfaces;
    int droppedAddresses;
    int addressCount;

    void requireVersion(Line line) {
      if (!line.value().equals(Integer.toString(FactsScript.FORMAT_VERSION))) {
        throw line.error("unsupported " + VERSION_KEY + " " + Quoted.of(line.value())
            + ", this parser reads " + FactsScript.FORMAT_VERSION);
      }
      versionSeen = true;
    }

    void addDisk(Line line) {
      String[] f = line.fields(4);
      Long sectors = line.numberOrUnknown(f[1], Long.MAX_VALUE / SECTOR_BYTES);
      BlockDevice disk = new BlockDevice(f[0], sectors == null ? null : sectors * SECTOR_BYTES,
          line.flag(f[2], "rotational"), line.flag(f[3], "mounted"));
      if (disks.size() >= MAX_BLOCK_DEVICES && !disks.containsKey(f[0])) {
        droppedDisks++;
        return;
      }
      if (disks.putIfAbsent(f[0], disk) != null) {
        throw line.error("repeats disk " + Quoted.of(f[0]));
      }
    }

    void addInterface(Line line) {
      String[] f = line.fields(2);
      if (!f[1].equals(UNKNOWN) && !MAC.matcher(f[1]).matches()) {
        throw line.error("'iface' needs a MAC address like 52:54:00:12:34:56 or -, got "
            + Quoted.of(f[1]));
      }
      if (declared.contains(f[0])) {
        throw line.error("repeats iface " + Quoted.of(f[0]));
      }
      if (macs.size() >= MAX_INTERFACES && !macs.containsKey(f[0])) {
        droppedInterfaces++;
        return;
      }
      declared.add(f[0]);
      macs.put(f[0], f[1].equals(UNKNOWN) ? null : f[1].toLowerCase(Locale.ROOT));
    }

    /** Adds an address; an interface only named by {@code addr} lines has no known MAC. */
    void addAddress(Line line) {
      String[] f = line.fields(2);
      if (!Ipv4.isCidr(f[1]) && !Ipv6.isCidr(f[1])) {
        throw line.error("'addr' needs an IPv4 or IPv6 address with a prefix length, got "
            + Quoted.of(f[1]));
      }
      if (addressCount >= MAX_ADDRESSES
          || macs.size() >= MAX_INTERFACES && !macs.containsKey(f[0])) {
        droppedAddresses++;
        return;
      }
      macs.putIfAbsent(f[0], null);
      if (addresses.computeIfAbsent(f[0], name -> new LinkedHashSet<>()).add(f[1])) {
        addressCount++;
      }
    }

    List<String> warnings() {
      List<String> warnings = new ArrayList<>();
      warnIf(warnings, droppedOutputLines, "output lines past the first " + FactsBuffer.MAX_CHARS
          + " characters were not read");
      warnIf(warnings, longLines, "lines longer than " + MAX_LINE_CHARS
          + " characters were skipped");
      warnIf(warnings, droppedDisks, "block devices beyond the first " + MAX_BLOCK_DEVICES
          + " were left out");
      warnIf(warnings, droppedInterfaces, "interfaces beyond the first " + MAX_INTERFACES
          + " were left out");
      warnIf(warnings, droppedAddresses, "addresses beyond the first " + MAX_ADDRESSES
          + " (or of interfaces left out) were left out");
      return warnings;
    }

    private static void warnIf(List<String> warnings, long count, String what) {
      if (count > 0) {
        warnings.add("facts truncated: " + count + " " + what);
      }
    }

    HardwareFacts toFacts(String collectTime) {
      List<NetInterface> interfaces = new ArrayList<>();
      macs.forEach((name, mac) -> interfaces.add(
          new NetInterface(name, mac, List.copyOf(addresses.getOrDefault(name, Set.of())))));
      return new HardwareFacts(hostname, os, kernel, arch, cpus, memoryBytes,
          List.copyOf(disks.values()), interfaces, collectTime);
    }
  }
}
