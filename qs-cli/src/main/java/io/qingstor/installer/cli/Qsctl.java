package io.qingstor.installer.cli;

import io.qingstor.installer.client.QsClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code qsctl}: the installer's actions from the command line, one subcommand per action, named
 * after it in kebab case. Runs in-process with any {@link CliEnvironment} through {@link #run}.
 */
@Command(name = "qsctl", sortOptions = false, usageHelpAutoWidth = true,
    description = "Drives a QingStor installer server: one subcommand per API action.",
    subcommands = {
        DescribeQingStorCommand.class,
        ConfigQingStorCommand.class,
        GetConfigQingStorStatusCommand.class,
        GetConfigQingStorLogCommand.class,
        DeployQingStorCommand.class,
        GetDeployQingStorStatusCommand.class,
        GetDeployQingStorLogCommand.class,
        ScaleQingStorAccessCommand.class,
        ScaleQingStorStorageCommand.class,
        RemoveQingStorAccessNodesCommand.class,
        RemoveQingStorStorageNodesCommand.class,
        ResetQingstorCommand.class,
        AddNodesCommand.class,
        DescribeNodesCommand.class,
        ModifyNodesCommand.class,
        DeleteNodesCommand.class,
        CollectNodesCommand.class,
        DescribeJobsCommand.class,
        CancelJobCommand.class,
        CreateUserCommand.class,
        DescribeUsersCommand.class,
        ModifyUserPasswordCommand.class,
        DeleteUserCommand.class,
        DescribeAccessKeysCommand.class,
        GetSupportBundleCommand.class,
        CompletionCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  ok: the action (and the job it started, when waited for) succeeded",
        "  1  failed: the job failed or did not finish within --timeout, or the server refused"
            + " the request (invalid config, not found, not allowed in the platform's status)",
        "  2  usage: a wrong command line, an unreadable or invalid file, no credentials",
        "  3  auth: wrong user or password, locked out, or the role may not call the action",
        "  4  busy or unreachable: another job is running, the server is overloaded or cannot"
            + " be reached",
        "",
        "Credentials: --user/QS_USER, --endpoint/QS_ENDPOINT, and the password from"
            + " --password-stdin, QS_PASSWORD or a credentials file (YAML endpoint/user/password,"
            + " mode 0600; default ~/" + Login.DEFAULT_FILE + ")."})
public final class Qsctl implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "The server's URL (env QS_ENDPOINT; default " + Login.DEFAULT_ENDPOINT + ").")
  String endpoint;

  @Option(names = {"-u", "--user"}, scope = ScopeType.INHERIT, paramLabel = "USER",
      description = "The user to act as (env QS_USER; default " + Login.DEFAULT_USER + ").")
  String user;

  @Option(names = "--credentials-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "YAML file of endpoint, user and password, mode 0600 (env QS_CREDENTIALS_FILE).")
  Path credentialsFile;

  @Option(names = "--password-stdin", scope = ScopeType.INHERIT,
      description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "table (default) or json.")
  OutputFormat output;

  @Option(names = {"-h", "--help"}, scope = ScopeType.INHERIT, usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  private final CliEnvironment env;

  private Qsctl(CliEnvironment env) {
    this.env = env;
  }

  /** Runs qsctl in this process and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(CliEnvironment.system(), args));
  }

  /** Runs qsctl with {@code args} in {@code env} and returns its exit code ({@link ExitCodes}). */
  public static int run(CliEnvironment env, String... args) {
    return commandLine(env).execute(args);
  }

  /** The command line of qsctl in {@code env}, every subcommand registered. */
  public static CommandLine commandLine(CliEnvironment env) {
    CommandLine commandLine = new CommandLine(new Qsctl(env));
    commandLine.setOut(env.out());
    commandLine.setErr(env.err());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ExitCodes());
    return commandLine;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a command, e.g. qsctl describe-qingstor; qsctl --help lists them");
  }

  CliEnvironment env() {
    return env;
  }

  Printer printer() {
    return new Printer(output == null ? OutputFormat.TABLE : output, env.out());
  }

  /** A client for the resolved login. */
  QsClient connect() {
    Login login = Login.resolve(new Login.Flags(endpoint, user, credentialsFile, passwordStdin),
        env);
    return QsClient.builder().endpoint(login.endpoint()).userId(login.user())
        .password(login.password()).build();
  }
}
