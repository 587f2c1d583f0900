package io.qingstor.installer.core.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sweeps {@code /proc/<pid>/cmdline} and {@code environ} from a background thread, back to back,
 * looking for secrets: command lines are world-readable, so a secret passed as an argument leaks
 * to every local user. Records where it found one (never the secret itself).
 */
final class ProcSampler implements AutoCloseable {
  private static final Path PROC = Path.of("/proc");

  private final List<byte[]> secrets;
  private final Set<Long> pidsAtStart;
  private final Set<Long> newPids = ConcurrentHashMap.newKeySet();
  private final Set<Long> children = ConcurrentHashMap.newKeySet();
  private final long self = ProcessHandle.current().pid();
  private final Set<String> newCommands = ConcurrentHashMap.newKeySet();
  private final Set<String> hits = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sweeps = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;

  ProcSampler(List<String> secrets) {
    this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    this.pidsAtStart = pids();
    this.thread = new Thread(this::sweepUntilStopped, "proc-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Where a secret was seen: {@code pid <n> cmdline|environ (<command>)}. */
  Set<String> hits() {
    return Set.copyOf(hits);
  }

  int sweeps() {
    return sweeps.get();
  }

  /** How many processes started while it sampled (and lived through a sweep). */
  int processesSeen() {
    return newPids.size();
  }

  /** How many of them this JVM started (the sandbox nodes' shells, local commands). */
  int childrenSeen() {
    return children.size();
  }

  /** The first word of those processes' command lines, e.g. {@code /bin/sh}. */
  Set<String> commandsSeen() {
    return Set.copyOf(newCommands);
  }

  private void sweepUntilStopped() {
    while (!stopped) {
      for (long pid : pids()) {
        String command = check(pid, "cmdline");
        check(pid, "environ");
        if (!pidsAtStart.contains(pid) && command != null && newPids.add(pid)) {
          newCommands.add(command);
          if (parentOf(pid) == self) {
            children.add(pid);
          }
        }
      }
      sweeps.incrementAndGet();
      Thread.yield();
    }
  }

  /** Looks for the secrets in one file; returns the command's first word when it read one. */
  private String check(long pid, String file) {
    byte[] content;
    try {
      content = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve(file));
    } catch (IOException | SecurityException e) {
      return null; // gone, or not ours to read
    }
    int end = 0;
    while (end < content.length && content[end] != 0) {
      end++;
    }
    String first = new String(content, 0, end, StandardCharsets.UTF_8);
    for (byte[] secret : secrets) {
      if (Bytes.contains(content, secret)) {
        hits.add("pid " + pid + " " + file + " (" + (file.equals("cmdline") ? first : "") + ")");
      }
    }
    return first.isEmpty() ? null : first;
  }

  /** The parent pid from {@code /proc/<pid>/stat} ("pid (comm) state ppid ..."), or -1. */
  private static long parentOf(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static Set<Long> pids() {
    Set<Long> pids = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        pids.add(Long.parseLong(entry.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return pids;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(TimeUnit.SECONDS.toMillis(10));
  }
}
