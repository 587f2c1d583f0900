package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.ansible.AnsibleHost;
import io.qingstor.installer.core.ansible.AnsiblePlaybook;
import io.qingstor.installer.core.ansible.HostResult;
import io.qingstor.installer.core.ansible.PlaybookListener;
import io.qingstor.installer.core.ansible.PlaybookRequest;
import io.qingstor.installer.core.ansible.PlaybookResult;
import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlaybookStep;
import io.qingstor.installer.core.state.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code playbook} steps: the plan's playbook through the Ansible executor, over the inventory
 * and env file the config job rendered, limited to the step's target nodes that have not
 * completed it (a resume runs only those); a retry runs again on the hosts that failed.
 */
final class PlaybookKind implements StepKind {
  private final AnsiblePlaybook ansible;
  private final StateStore store;
  private final Plan plan;
  private final JobLedgers ledgers;

  PlaybookKind(AnsiblePlaybook ansible, StateStore store, Plan plan, JobLedgers ledgers) {
    this.ansible = ansible;
    this.store = store;
    this.plan = plan;
    this.ledgers = ledgers;
  }

  @Override
  public String key() {
    return PlaybookStep.KEY;
  }

  @Override
  public StepOutcome run(StepContext context) {
    StepLedger ledger = ledgers.step(context.job().jobId(), context.index());
    List<StepTarget> targets = context.targets().get();
    List<String> toDo = ledger.stillToDo(targets.stream().map(StepTarget::nodeId).toList(),
        (node, text) -> context.log(node, "info", text));
    if (toDo.isEmpty()) {
      context.info(targets.isEmpty() ? "no target nodes: nothing to do"
          : "every target node completed this step before: nothing to do");
      return new StepOutcome(List.of(), context.cancellation().isCancelled());
    }
    Optional<PlaybookRequest> request = request(context, targets, toDo);
    if (request.isEmpty()) {
      String why = "the inventory is not rendered (" + Builtins.INVENTORY + " is missing from the"
          + " data directory's artifacts/): run ConfigQingStor first";
      context.info(why);
      List<StepOutcome.NodeFailure> failures = toDo.stream()
          .map(n -> new StepOutcome.NodeFailure(n, Outcome.FAILED, why)).toList();
      failures.forEach(ledger::failed);
      return new StepOutcome(failures, false);
    }
    return runWithRetries(context, ledger, request.get(), toDo);
  }

  /**
   * Runs the playbook, then again on the hosts that failed, as many times as the step's retries
   * allow. A host's failure in the last attempt counts against the step's failure budget as the
   * event stream reports it, so a budget that runs out cancels the run at once (its other hosts
   * end cancelled); each host's result is recorded durably once, after the attempt's run;
   * failures of earlier attempts are recorded but not counted.
   */
  private StepOutcome runWithRetries(StepContext context, StepLedger ledger,
      PlaybookRequest request, List<String> hosts) {
    Map<String, HostResult> last = new LinkedHashMap<>();
    List<String> toRun = hosts;
    int attempts = context.step().retries() + 1;
    for (int attempt = 1; attempt <= attempts && !toRun.isEmpty(); attempt++) {
      if (context.cancellation().isCancelled()) {
        break;
      }
      boolean finalAttempt = attempt == attempts;
      context.info("attempt " + attempt + "/" + attempts + " on " + String.join(", ", toRun));
      toRun.forEach(ledger::running);
      PlaybookResult result = ansible.run(request.limitedTo(toRun),
          listener(context, ledger, finalAttempt), context.cancellation());
      List<String> succeeded = new ArrayList<>();
      List<StepOutcome.NodeFailure> failed = new ArrayList<>();
      result.hosts().forEach((host, outcome) -> {
        last.put(host, outcome);
        if (outcome.succeeded()) {
          succeeded.add(host);
        } else {
          failed.add(new StepOutcome.NodeFailure(host, outcome.outcome(),
              context.log().scrub(outcome.why())));
        }
      });
      ledger.ended(succeeded, failed, finalAttempt);
      toRun = result.failedHosts();
    }
    List<StepOutcome.NodeFailure> failures = new ArrayList<>();
    for (String host : hosts) {
      HostResult result = last.get(host);
      if (result == null) {
        failures.add(new StepOutcome.NodeFailure(host, Outcome.CANCELLED,
            "cancelled: " + context.cancellation().reason()));
      } else if (!result.succeeded()) {
        failures.add(new StepOutcome.NodeFailure(host, result.outcome(),
            context.log().scrub(result.why())));
      }
    }
    return new StepOutcome(failures, context.cancellation().isCancelled());
  }

  private static PlaybookListener listener(StepContext context, StepLedger ledger,
      boolean finalAttempt) {
    return new PlaybookListener() {
      @Override
      public void line(String host, String stream, String text) {
        context.log(host, stream, text);
      }

      @Override
      public void progress(int done, int total) {
        ledger.tasks(done, total);
      }

      @Override
      public void hostFailed(String host, HostResult result) {
        if (finalAttempt) {
          // Shown and counted now, so a budget that runs out stops the run at once; recorded
          // durably once, by the loop after the run.
          ledger.failing(new StepOutcome.NodeFailure(host, result.outcome(),
              context.log().scrub(result.why())));
        }
      }
    };
  }

  private Optional<PlaybookRequest> request(StepContext context, List<StepTarget> targets,
      List<String> limit) {
    Optional<String> inventory = store.loadArtifact(Builtins.INVENTORY);
    Optional<String> envFile = store.loadArtifact(Builtins.ENV_FILE);
    if (inventory.isEmpty() || envFile.isEmpty()) {
      return Optional.empty();
    }
    PlaybookStep action = (PlaybookStep) context.step().action();
    Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
    List<AnsibleHost> hosts = new ArrayList<>();
    for (StepTarget target : targets) {
      Map<String, String> vars = new LinkedHashMap<>(target.vars());
      if ("true".equals(vars.get("become"))) {
        vars.put("ansible_become", "true");
      }
      hostVars.put(target.nodeId(), vars);
      hosts.add(new AnsibleHost(target.nodeId(), target.target().password(),
          target.target().privateKeyPem(),
          target.node() == null ? null : target.node().becomePassword()));
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    targets.get(0).secrets().forEach((name, value) -> secrets.put("secret_" + name, value));
    return Optional.of(new PlaybookRequest(plan.directoryIfAny().orElseThrow(),
        action.playbook(), inventory.get(), withoutSecret(envFile.get()), plan.vars(),
        hostVars, secrets, hosts, limit, action.tags(), action.skipTags(), action.extraVars(),
        action.check(), context.step().become(), context.step().parallelism(),
        context.step().timeout()));
  }

  /** The env file's variables as Ansible gets them: all but {@code ansible_ssh_pass}. */
  private static Map<String, Object> withoutSecret(String envFile) {
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(envFile);
    Map<String, Object> vars = new LinkedHashMap<>();
    if (parsed instanceof Map<?, ?> map) {
      map.forEach((k, v) -> vars.put(String.valueOf(k), v));
    }
    vars.remove(EnvFileRenderer.SECRET_KEY);
    return vars;
  }
}
