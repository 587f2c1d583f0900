package io.qingstor.installer.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.job.JobTransitions;
import io.qingstor.installer.core.nodes.NodeTransitions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/state-machines.md} shows the platform and job tables as they are in the code:
 * the diagrams are rendered from the tables, and this test fails when the file has drifted.
 * {@code -Dqs.docs.write=true} rewrites the file.
 */
class StateMachineDiagramsTest {
  private static final Path DOC = Path.of("..", "docs", "state-machines.md");

  static String document() {
    return "# State machines\n\n"
        + "Rendered from the tables in the code (`PlatformTransitions`, `JobTransitions`,\n"
        + "`NodeTransitions`) by `StateMachineDiagramsTest`, which fails when this file no longer\n"
        + "matches them; run it with `-Dqs.docs.write=true` to rewrite it. Arrows read\n"
        + "`event [guard] / effects`.\n"
        + "The rules behind them are in [contract.md](contract.md#state-machines).\n\n"
        + "## Platform status\n\n"
        + "```mermaid\n" + PlatformTransitions.mermaid() + "```\n\n"
        + "Refused with a hint: ConfigQingStor while `running` (topology changes go through the\n"
        + "scale actions), DeployQingStor while `new` (configure first), ResetQingStor while\n"
        + "`new` (nothing to reset). A guard that does not hold refuses with its own reason.\n\n"
        + "Scale-in (RemoveQingStorStorageNodes, RemoveQingStorAccessNodes) passes through the\n"
        + "same `scaling` status as scale-out: its job works on the config without the nodes,\n"
        + "which `adopt_scale_config` makes the platform's; after `scale_failed` only the same\n"
        + "action (or a reset) may run, as for scale-out. Its ok-to-remove gate is checked\n"
        + "before the transition: a refusal changes nothing ([nodes.md](nodes.md#scale-in)).\n\n"
        + "## Job lifecycle\n\n"
        + "```mermaid\n" + JobTransitions.mermaid() + "```\n\n"
        + "A job is `pending` until its first step, `stepN` while `running`, then `successful` or\n"
        + "`failed`. A job that went on without some nodes (a step's failure budget let them fail)\n"
        + "ends `successful` all the same, naming them in its status' `failed_nodes` and\n"
        + "`warnings`: \"succeeded with warnings\" is not a state of its own\n"
        + "([fleet-operations.md](fleet-operations.md#failure-budgets)).\n\n"
        + "## Node status\n\n"
        + "```mermaid\n" + NodeTransitions.mermaid() + "```\n\n"
        + "A node's events are things that happened to it, so none is refused: an event without\n"
        + "an arrow (or whose guard does not hold) leaves the status as it is. Collected facts\n"
        + "make a node `deployed` when the deployed platform's config has it and no job went on\n"
        + "without it (an unreachable node of the running platform that answers again), else\n"
        + "`ready` ([nodes.md](nodes.md#node-status)).\n";
  }

  @Test
  void theDocumentShowsTheTablesAsTheyAre() throws Exception {
    if (Boolean.getBoolean("qs.docs.write")) {
      Files.writeString(DOC, document());
    }
    assertThat(Files.readString(DOC)).isEqualTo(document());
  }
}
