package io.qingstor.installer.core.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.core.exec.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The private directory of one playbook run (mode 0700, every file 0600): the Ansible config,
 * a copy of the inventory with each host's credentials in {@code host_vars/}, key files, the
 * variable files, the callback plugin. It is deleted when closed, and whatever a crash left
 * under the runs root is deleted when the executor starts.
 *
 * <pre>
 * ansible.cfg                     stdout callback, known hosts, no SSH multiplexing
 * inventory/hosts.ini             the rendered inventory
 * inventory/host_vars/HOST.yml    the host's variables, ansible_password,
 *                                 ansible_ssh_private_key_file, ansible_become_password
 * inventory/group_vars/all.yml    the plan's variables (host vars override them)
 * keys/HOST                       private keys
 * env.yml, secrets.yml, extra.yml extra vars: the env file, plan secrets, the step's extra_vars
 * </pre>
 *
 * <p>Every string in the variable files is tagged {@code !unsafe} ({@link UnsafeYaml}) but the
 * step's own extra_vars, which the plan's author may template on purpose.
 *
 * <pre>
 * limit                           the hosts to run on, one a line (--limit @limit)
 * plan/                           a copy of the plan's files when they are not on disk (a jar)
 * callback_plugins/qs_jsonl.py    the JSON-lines callback
 * home/, tmp/                     ANSIBLE_HOME and Ansible's local temp files
 * </pre>
 */
final class RunDirectory implements AutoCloseable {
  static final String CALLBACK = "qs_jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private Path planDirectory;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Creates and fills a run's directory under {@code runsRoot}. */
  static RunDirectory create(Path runsRoot, PlaybookRequest request, Path knownHosts) {
    Path dir = null;
    try {
      Files.createDirectories(runsRoot, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      byte[] nonce = new byte[6];
      RANDOM.nextBytes(nonce);
      dir = privateDirectory(runsRoot.resolve("run-" + HexFormat.of().formatHex(nonce)));
      RunDirectory run = new RunDirectory(dir);
      run.fill(request, knownHosts);
      return run;
    } catch (IOException e) {
      if (dir != null) {
        new RunDirectory(dir).close();
      }
      throw new UncheckedIOException("cannot prepare the Ansible run directory under " + runsRoot
          + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every run directory a crash left under {@code runsRoot} (they hold credentials). */
  static void removeLeftovers(Path runsRoot) {
    if (!Files.isDirectory(runsRoot)) {
      return;
    }
    try (Stream<Path> runs = Files.list(runsRoot)) {
      runs.filter(p -> p.getFileName().toString().startsWith("run-"))
          .forEach(p -> new RunDirectory(p).close());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + runsRoot, e);
    }
  }

  Path dir() {
    return dir;
  }

  /** The shell text that runs {@code ansible-playbook} for this run (variables, then exec). */
  String script(Path ansiblePlaybook, PlaybookRequest request) {
    List<String> command = new ArrayList<>(List.of(ansiblePlaybook.toString(),
        "-i", dir.resolve("inventory/hosts.ini").toString(),
        "--limit", "@" + dir.resolve("limit"),
        "--forks", String.valueOf(request.forks()),
        "-e", "@" + dir.resolve("env.yml"),
        "-e", "@" + dir.resolve("secrets.yml"),
        "-e", "@" + dir.resolve("extra.json")));
    if (!request.tags().isEmpty()) {
      command.addAll(List.of("--tags", String.join(",", request.tags())));
    }
    if (!request.skipTags().isEmpty()) {
      command.addAll(List.of("--skip-tags", String.join(",", request.skipTags())));
    }
    if (request.check()) {
      command.add("--check");
    }
    if (request.become()) {
      command.add("--become");
    }
    command.add(planDirectory.resolve(request.playbook()).toString());
    return Shell.exportLine("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString()) + "\n"
        + Shell.exportLine("ANSIBLE_HOME", dir.resolve("home").toString()) + "\n"
        + "export PYTHONUNBUFFERED=1\n"
        + "cd " + Shell.quote(planDirectory.toString()) + " || exit 1\n"
        + "exec " + Shell.join(command) + "\n";
  }

  private void fill(PlaybookRequest request, Path knownHosts) throws IOException {
    privateDirectory(dir.resolve("inventory"));
    privateDirectory(dir.resolve("inventory/host_vars"));
    privateDirectory(dir.resolve("inventory/group_vars"));
    privateDirectory(dir.resolve("keys"));
    privateDirectory(dir.resolve("callback_plugins"));
    privateDirectory(dir.resolve("home"));
    privateDirectory(dir.resolve("tmp"));
    write("ansible.cfg", config(knownHosts));
    write("inventory/hosts.ini", request.inventory());
    for (AnsibleHost host : request.hosts()) {
      Map<String, Object> vars = new LinkedHashMap<>(
          request.hostVars().getOrDefault(host.name(), Map.of()));
      vars.putAll(credentials(host));
      write("inventory/host_vars/" + host.name() + ".yml", UnsafeYaml.write(vars));
    }
    planDirectory = onDisk(request.planDirectory());
    write("inventory/group_vars/all.yml", UnsafeYaml.write(request.groupVars()));
    write("env.yml", UnsafeYaml.write(request.envVars()));
    write("secrets.yml", UnsafeYaml.write(request.secretVars()));
    write("extra.json", json(request.extraVars()));
    write("limit", String.join("\n", request.limit()) + "\n");
    try (var plugin = RunDirectory.class.getResourceAsStream(CALLBACK + ".py")) {
      write("callback_plugins/" + CALLBACK + ".py",
          new String(plugin.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The plan's directory itself when it is on disk; else (a jar) a copy inside the run. */
  private Path onDisk(Path plan) throws IOException {
    if (plan.getFileSystem().equals(FileSystems.getDefault())) {
      return plan.toAbsolutePath();
    }
    Path copy = privateDirectory(dir.resolve("plan"));
    try (Stream<Path> files = Files.walk(plan)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(plan.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return copy;
  }

  private Map<String, String> credentials(AnsibleHost host) throws IOException {
    Map<String, String> vars = new LinkedHashMap<>();
    if (host.password() != null) {
      vars.put("ansible_password", host.password());
    }
    if (host.privateKey() != null) {
      String key = host.privateKey().endsWith("\n") ? host.privateKey() : host.privateKey() + "\n";
      vars.put("ansible_ssh_private_key_file", write("keys/" + host.name(), key).toString());
    }
    if (host.becomePassword() != null) {
      vars.put("ansible_become_password", host.becomePassword());
    }
    return vars;
  }

  private String config(Path knownHosts) {
    String ssh = String.join(" ", "-o ControlMaster=no -o ControlPersist=no",
        "-o UserKnownHostsFile=" + Shell.quote(knownHosts.toAbsolutePath().toString()),
        "-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=accept-new",
        "-o HashKnownHosts=no -o ConnectTimeout=20");
    return String.join("\n",
        "# written by the QingStor installer for one run; removed after it",
        "[defaults]",
        "stdout_callback = " + CALLBACK,
        "callback_plugins = " + dir.resolve("callback_plugins"),
        "callbacks_enabled =",
        "retry_files_enabled = False",
        "host_key_checking = True",
        "interpreter_python = auto_silent",
        "local_tmp = " + dir.resolve("tmp"),
        "nocows = 1",
        "",
        "[ssh_connection]",
        "ssh_args = " + ssh,
        "");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write variables as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
    return file;
  }

  private static Path privateDirectory(Path path) throws IOException {
    return Files.createDirectory(path, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
  }

  /** Deletes the directory and everything in it; best effort, never throws. */
  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Already gone, or a file vanished while walking: nothing left to protect.
    }
  }
}
