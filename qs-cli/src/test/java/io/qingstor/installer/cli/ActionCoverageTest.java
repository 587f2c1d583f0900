package io.qingstor.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.Action;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every action of the catalogue has its qsctl subcommand, named after it in kebab case. An action
 * added to {@link Action} fails this test until it gets one, or is listed in {@link #NOT_WIRED}
 * (documented in docs/qsctl.md) while it waits for its subcommand.
 */
class ActionCoverageTest {
  /** Actions deliberately without a subcommand yet. */
  static final Set<Action> NOT_WIRED = EnumSet.noneOf(Action.class);

  private final CommandLine qsctl = Qsctl.commandLine(new CliEnvironment(Map.of(),
      new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
      new PrintWriter(new StringWriter()), false, Path.of("/nonexistent")));

  @Test
  void everyActionHasASubcommandNamedAfterItInKebabCase() {
    for (Action action : Action.values()) {
      if (NOT_WIRED.contains(action)) {
        continue;
      }
      CommandLine sub = qsctl.getSubcommands().get(kebab(action.wireName()));

      assertThat(sub).as("qsctl subcommand for %s", action).isNotNull();
      assertThat((Object) sub.getCommand()).isInstanceOfSatisfying(ActionCommand.class,
          command -> assertThat(command.action()).isEqualTo(action));
    }
  }

  @Test
  void theExclusionListHoldsOnlyActionsThatStillLackASubcommand() {
    for (Action action : NOT_WIRED) {
      assertThat(qsctl.getSubcommands()).doesNotContainKey(kebab(action.wireName()));
    }
  }

  @Test
  void kebabCaseKeepsQingStorAsOneWord() {
    assertThat(kebab("GetDeployQingStorLog")).isEqualTo("get-deploy-qingstor-log");
    assertThat(kebab("AddNodes")).isEqualTo("add-nodes");
  }

  static String kebab(String wireName) {
    return wireName.replace("QingStor", "Qingstor").replaceAll("([a-z])([A-Z])", "$1-$2")
        .toLowerCase(java.util.Locale.ROOT);
  }
}
