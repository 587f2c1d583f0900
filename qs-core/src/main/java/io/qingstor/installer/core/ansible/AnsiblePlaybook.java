package io.qingstor.installer.core.ansible;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Ansible executor: runs {@code ansible-playbook} on the installer's own machine through
 * the local executor, so that a timeout or a cancel kills its whole process group (its workers
 * and their SSH clients; SSH connection sharing is off, so no background master survives).
 *
 * <p>Each run gets a private directory under {@code runsRoot} holding the credentials (see
 * {@link RunDirectory}), deleted when the run ends. Hosts are checked against the installer's
 * own known-hosts file with the SSH executor's policy: a new host's key is recorded, a changed
 * one refused. Thread-safe: runs may overlap.
 */
public final class AnsiblePlaybook {
  private final String command;
  private final Path runsRoot;
  private final Path knownHosts;
  private final NodeExecutor local;
  private volatile AnsibleInstallation installation;

  /**
   * @param command {@code ansible-playbook}'s path, or a name looked up on PATH
   * @param runsRoot where the per-run private directories go (inside the data directory);
   *     leftovers of a crash there are deleted now
   * @param knownHosts the installer's known-hosts file (OpenSSH format)
   * @param local the executor for the installer's own machine
   */
  public AnsiblePlaybook(String command, Path runsRoot, Path knownHosts, NodeExecutor local) {
    this.command = requireNonNull(command, "command");
    this.runsRoot = requireNonNull(runsRoot, "runsRoot");
    this.knownHosts = requireNonNull(knownHosts, "knownHosts");
    this.local = requireNonNull(local, "local");
    RunDirectory.removeLeftovers(runsRoot);
  }

  /**
   * Runs the playbook on the request's limit; never throws for a host's failure, nor when
   * ansible-playbook is missing (every host then fails saying how to install it).
   */
  public PlaybookResult run(PlaybookRequest request, PlaybookListener listener,
      Cancellation cancellation) {
    AnsibleInstallation ansible;
    try {
      ansible = installation();
      requireSshpass(request);
    } catch (AnsibleUnavailableException e) {
      listener.line(null, "error", e.getMessage());
      return PlaybookResult.allFailed(request.limit(), new HostResult(Outcome.FAILED,
          e.getMessage()));
    }
    listener.line(null, "info", "ansible-playbook " + ansible.version() + " ("
        + ansible.command() + "): " + request.playbook() + " on "
        + request.limit().size() + " host(s), " + request.forks() + " at a time, timeout "
        + request.timeout().toSeconds() + "s" + (request.check() ? ", check mode" : "")
        + (request.become() ? ", become" : ""));
    EventSink sink = new EventSink(listener, request.limit(), scrubber(request));
    try (RunDirectory run = RunDirectory.create(runsRoot, request, knownHosts)) {
      CommandResult result = local.execute(NodeTarget.local("firstbox"),
          run.script(ansible.command(), request), request.timeout(), sink, cancellation);
      return sink.result(result);
    }
  }

  private AnsibleInstallation installation() {
    AnsibleInstallation found = installation;
    if (found == null) {
      found = AnsibleInstallation.find(command);
      installation = found;
    }
    return found;
  }

  private static void requireSshpass(PlaybookRequest request) {
    List<String> withPassword = request.hosts().stream()
        .filter(h -> h.password() != null && request.limit().contains(h.name()))
        .map(AnsibleHost::name).toList();
    if (!withPassword.isEmpty() && AnsibleInstallation.sshpass().isEmpty()) {
      throw new AnsibleUnavailableException("sshpass is not installed on the installer's machine,"
          + " and Ansible needs it for the nodes that log in with a password (" + withPassword
          + "); apt-get install sshpass, or register those nodes with an SSH key");
    }
  }

  /** Replaces every credential and plan secret of the run in a line by {@code ******}. */
  private static UnaryOperator<String> scrubber(PlaybookRequest request) {
    List<String> secrets = new ArrayList<>();
    for (AnsibleHost host : request.hosts()) {
      for (String s : new String[] {host.password(), host.privateKey(), host.becomePassword()}) {
        if (s != null && !s.isEmpty()) {
          secrets.add(s);
        }
      }
    }
    request.secretVars().values().stream().filter(s -> !s.isEmpty()).forEach(secrets::add);
    return line -> {
      String scrubbed = line;
      for (String secret : secrets) {
        scrubbed = scrubbed.replace(secret, "******");
      }
      return scrubbed;
    };
  }
}
