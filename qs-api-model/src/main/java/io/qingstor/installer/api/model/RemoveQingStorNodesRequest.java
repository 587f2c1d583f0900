package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.PlatformChanging;
import java.util.List;

/**
 * {@code RemoveQingStorStorageNodes} and {@code RemoveQingStorAccessNodes}: takes nodes out of a
 * running platform through the plan's scale-in job. {@code node_ids} (alias {@code nodes}) lists
 * node ids, as strings or {@code {"node_id": ...}}. {@code force: true} removes nodes without
 * contacting them (for a node that cannot be reached: its data is not drained, the other copies
 * rebuild it). Additive: {@code dry_run} and {@code plan_token}, as on
 * {@link ScaleQingStorAccessRequest}.
 */
public record RemoveQingStorNodesRequest(
    @JsonAlias("nodes") List<NodeRef> nodeIds,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean force,
    String clientToken,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean dryRun, String planToken)
    implements PlatformChanging {
  public RemoveQingStorNodesRequest {
    nodeIds = nodeIds == null ? null : List.copyOf(nodeIds);
  }

  /** A request that removes {@code nodeIds} for real, draining them first. */
  public static RemoveQingStorNodesRequest of(String... nodeIds) {
    return new RemoveQingStorNodesRequest(
        List.of(nodeIds).stream().map(NodeRef::of).toList(), null, null, null, null);
  }

  /** True when the nodes are removed without being contacted ({@code force: true}). */
  @JsonIgnore
  public boolean isForced() {
    return Boolean.TRUE.equals(force);
  }

  /** True when the caller asked for the plan only ({@code dry_run: true}). */
  public boolean isDryRun() {
    return Boolean.TRUE.equals(dryRun);
  }

  /** This request with {@code force: true}. */
  public RemoveQingStorNodesRequest forced() {
    return new RemoveQingStorNodesRequest(nodeIds, true, clientToken, dryRun, planToken);
  }

  /** This request as a dry run: the answer is the plan and its {@code plan_token}. */
  public RemoveQingStorNodesRequest asDryRun() {
    return new RemoveQingStorNodesRequest(nodeIds, force, clientToken, true, null);
  }

  /** This request bound to a dry run's {@code plan_token}. */
  public RemoveQingStorNodesRequest withPlanToken(String token) {
    return new RemoveQingStorNodesRequest(nodeIds, force, clientToken, null, token);
  }

  @Override
  public RemoveQingStorNodesRequest withClientToken(String token) {
    return new RemoveQingStorNodesRequest(nodeIds, force, token, dryRun, planToken);
  }
}
