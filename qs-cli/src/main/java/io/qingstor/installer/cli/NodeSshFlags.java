package io.qingstor.installer.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags describing one node's address and SSH access, shared by add-nodes and modify-nodes.
 * The secrets never come from a flag: the password from standard input, a key from its file.
 */
final class NodeSshFlags {
  @Option(names = "--ip", paramLabel = "ADDRESS", description = "The node's address.")
  String ip;

  @Option(names = "--ssh-port", paramLabel = "PORT", description = "Its SSH port (new nodes: 22).")
  Integer sshPort;

  @Option(names = "--ssh-user", paramLabel = "USER", description = "Its SSH user (new: root).")
  String sshUser;

  @Option(names = "--ssh-password-stdin",
      description = "Read the SSH password from the next line of standard input.")
  boolean sshPasswordStdin;

  @Option(names = "--ssh-key-file", paramLabel = "FILE", description = "A PEM private key file.")
  Path sshKeyFile;

  @Option(names = "--var", paramLabel = "KEY=VALUE",
      description = "A node var, e.g. qs_root=/srv; repeatable (modify: replaces them all).")
  Map<String, String> vars;

  /** The SSH password read from standard input, or null when not asked for. */
  String password(CliEnvironment env) {
    return sshPasswordStdin ? env.readLine("the SSH password") : null;
  }

  /** The private key's text, or null when no key file is named. */
  String key() {
    return RequestFile.text(sshKeyFile);
  }
}
