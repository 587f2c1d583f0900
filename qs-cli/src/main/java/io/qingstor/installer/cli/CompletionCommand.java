package io.qingstor.installer.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints qsctl's completion script for bash and zsh, generated from its commands. */
@Command(name = "completion",
    description = "Print a bash/zsh completion script: source <(qsctl completion)")
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("qsctl", spec.parent().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
