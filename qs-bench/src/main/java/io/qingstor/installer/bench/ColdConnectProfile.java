package io.qingstor.installer.bench;

import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.Shell;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Splits SSH fan-out time into phases, with Apache MINA SSHD used directly the way
 * {@code SshExecutor} uses it, all nodes at once.
 *
 * <p>Cold: each node timed through TCP connect, key exchange, public-key authentication, exec
 * channel open and the end of {@code true} ({@code phase-<name>}, one sample per node and run;
 * {@code phase-wall} the whole fan-out). Warm, on the sessions just opened: the wall time of
 * {@code true} on every node as a plain exec ({@code phase-warm-plain}) and wrapped the way
 * {@code SshExecutor} launches scripts, in its own process group with the script on stdin
 * ({@code phase-warm-launcher}): the difference is the launcher's cost. Also times parsing the
 * private key ({@code phase-parse-key}), which {@code SshExecutor} does once per connection.
 * Host keys are accepted without a known_hosts check (a map lookup, not what is profiled).
 */
final class ColdConnectProfile {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String[] PHASES = {"connect", "kex", "auth", "open", "exec", "total"};
  /**
   * The shape of qs-core's ProcessGroupScript launcher as an exec request carries it (kept in step
   * by hand: the class is package-private). On OpenSSH it takes the process-group-leader path.
   */
  private static final String LAUNCHER = "exec /bin/sh -c " + Shell.quote("m=QS-EXEC-PID-0123456789abcdef; "
      + "if kill -s 0 -- -$$ 2>/dev/null; then echo \"$m $$\"; exec /bin/sh -s; fi; "
      + "if setsid -w true >/dev/null 2>&1; then "
      + "exec setsid -w /bin/sh -c 'echo \"$0 $$\"; exec /bin/sh -s' \"$m\"; "
      + "else echo \"$m $$\"; exec /bin/sh -s; fi");
  private static final byte[] LAUNCHER_STDIN = "{\ntrue\n} </dev/null\n".getBytes(StandardCharsets.UTF_8);

  private final Recorder recorder;

  ColdConnectProfile(Recorder recorder) {
    this.recorder = recorder;
  }

  /** Profiles {@code runs} cold then warm fan-outs of {@code true} on {@code targets} after {@code warmups}. */
  void run(List<NodeTarget> targets, int warmups, int runs) throws Exception {
    recordKeyParsing(targets.get(0), runs);
    for (int run = 1 - warmups; run <= runs; run++) { // runs up to 0 warm up the JIT and are not recorded
      SshClient client = newClient();
      ExecutorService pool = Executors.newFixedThreadPool(targets.size());
      List<ClientSession> sessions = new ArrayList<>();
      try {
        long start = System.nanoTime();
        List<long[]> timings = all(pool, targets, node -> cold(client, node, sessions));
        double wall = (System.nanoTime() - start) / 1e9;
        double plain = wallOf(pool, sessions, session -> exec(session, "true", null));
        double launcher = wallOf(pool, sessions, session -> exec(session, LAUNCHER, LAUNCHER_STDIN));
        if (run > 0) {
          record(run, targets.size(), wall, timings, algorithms(sessions.get(0)));
          recorder.record(new Measurement("phase-warm-plain", targets.size(), run, plain, true, null));
          recorder.record(new Measurement("phase-warm-launcher", targets.size(), run, launcher, true, null));
        }
      } finally {
        pool.shutdownNow();
        sessions.forEach(session -> session.close(true));
        client.stop();
      }
    }
  }

  private void record(int run, int nodes, double wall, List<long[]> timings, String algorithms) {
    recorder.record(new Measurement("phase-wall", nodes, run, wall, true, algorithms));
    for (long[] t : timings) {
      for (int i = 0; i < PHASES.length; i++) {
        // Phase i runs from timestamp i to i + 1; the last, "total", from the first to the last.
        long from = i < PHASES.length - 1 ? t[i] : t[0];
        long to = i < PHASES.length - 1 ? t[i + 1] : t[t.length - 1];
        recorder.record(new Measurement("phase-" + PHASES[i], nodes, run, (to - from) / 1e9, true, null), false);
      }
    }
  }

  /** Returns the key exchange, host key and cipher the session negotiated. */
  private static String algorithms(ClientSession session) {
    return "kex " + session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS)
        + ", host key " + session.getNegotiatedKexParameter(KexProposalOption.SERVERKEYS)
        + ", cipher " + session.getNegotiatedKexParameter(KexProposalOption.C2SENC);
  }

  /** A task on one item. */
  private interface Task<T, R> {
    R run(T item) throws Exception;
  }

  private static <T, R> List<R> all(ExecutorService pool, List<T> items, Task<T, R> task) throws Exception {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      Callable<R> call = () -> task.run(item);
      futures.add(pool.submit(call));
    }
    List<R> results = new ArrayList<>();
    for (Future<R> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  private static double wallOf(ExecutorService pool, List<ClientSession> sessions, Task<ClientSession, Void> task)
      throws Exception {
    long start = System.nanoTime();
    all(pool, List.copyOf(sessions), task);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Opens a session to the node and runs {@code true}; returns the timestamps of each phase. */
  private static long[] cold(SshClient client, NodeTarget node, List<ClientSession> sessions)
      throws IOException, GeneralSecurityException {
    long[] t = new long[6];
    t[0] = System.nanoTime();
    ClientSession session = client.connect(node.user(), node.host(), node.port()).verify(BOUND).getSession();
    synchronized (sessions) {
      sessions.add(session);
    }
    t[1] = System.nanoTime();
    session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), BOUND);
    t[2] = System.nanoTime();
    parseKey(node).forEach(session::addPublicKeyIdentity);
    session.auth().verify(BOUND);
    t[3] = System.nanoTime();
    try (ChannelExec channel = session.createExecChannel("true")) {
      channel.open().verify(BOUND);
      t[4] = System.nanoTime();
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), BOUND);
      t[5] = System.nanoTime();
    }
    return t;
  }

  private static Void exec(ClientSession session, String command, byte[] stdin) throws IOException {
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(OutputStream.nullOutputStream());
      channel.setErr(OutputStream.nullOutputStream());
      channel.open().verify(BOUND);
      try (OutputStream in = channel.getInvertedIn()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), BOUND);
      if (!Integer.valueOf(0).equals(channel.getExitStatus())) {
        throw new IOException("'" + command + "' ended with " + channel.getExitStatus());
      }
    }
    return null;
  }

  private void recordKeyParsing(NodeTarget node, int runs) throws Exception {
    for (int i = 0; i < 200; i++) { // warm-up
      parseKey(node);
    }
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      parseKey(node);
      recorder.record(new Measurement("phase-parse-key", 1, run, (System.nanoTime() - start) / 1e9, true, null));
    }
  }

  private static Iterable<KeyPair> parseKey(NodeTarget node) throws IOException, GeneralSecurityException {
    return SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, NamedResource.ofName("bench key"),
        FilePasswordProvider.EMPTY, node.privateKeyPem());
  }

  private static SshClient newClient() {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((session, address, key) -> true);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.start();
    return client;
  }
}
