package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.config.KnownNode;
import io.qingstor.installer.core.nodes.NodeSpecValidator;
import io.qingstor.installer.core.nodes.NodeTransitions;
import io.qingstor.installer.core.state.NodeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code ModifyNodes} entries into the records they make: each entry is merged over the
 * registered node and the result validated as AddNodes validates a new node, so a change is
 * held to the same rules, and every problem of every entry is reported at once. Pure: the
 * engine checks running jobs, persists and forgets host keys.
 */
final class NodeChanges {
  private NodeChanges() {}

  /** One node's change; {@code forgetHostKey} when its address changed or a reset was asked. */
  record Change(NodeRecord before, NodeRecord after, boolean forgetHostKey) {
    boolean addressChanged() {
      return !before.ip().equals(after.ip()) || before.sshPort() != after.sshPort();
    }
  }

  /**
   * The changes {@code modifications} make to {@code inventory}'s nodes.
   *
   * @throws QsApiException InvalidRequest listing every problem; ResourceNotFound for an
   *     unregistered node
   */
  static List<Change> plan(List<NodeModification> modifications, NodeInventory inventory,
      Instant now) {
    if (modifications == null || modifications.isEmpty()) {
      throw QsApiException.invalidField("nodes", "must list at least one node");
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < modifications.size(); i++) {
      NodeModification m = modifications.get(i);
      if (m == null || m.nodeId() == null) {
        errors.add(new FieldError("nodes[" + i + "]" + (m == null ? "" : ".node_id"),
            m == null ? "must be a node object" : "is required: the node to modify"));
      }
    }
    throwIfAny(errors);
    List<NodeRecord> before = modifications.stream().map(m -> inventory.require(m.nodeId()))
        .toList();
    List<NodeSpec> merged = new ArrayList<>();
    for (int i = 0; i < modifications.size(); i++) {
      merged.add(merge(before.get(i), modifications.get(i)));
    }
    errors.addAll(new NodeSpecValidator().validate(merged, "nodes"));
    errors.addAll(addressClashes(merged, inventory));
    throwIfAny(errors);
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < modifications.size(); i++) {
      changes.add(change(before.get(i), merged.get(i), modifications.get(i), now));
    }
    return changes;
  }

  private static NodeSpec merge(NodeRecord node, NodeModification m) {
    boolean newCredentials = m.sshPassword() != null || m.sshKey() != null;
    return new NodeSpec(node.nodeId(), m.ip() != null ? m.ip() : node.ip(),
        m.sshPort() != null ? m.sshPort() : node.sshPort(),
        m.sshUser() != null ? m.sshUser() : node.sshUser(),
        newCredentials ? m.sshPassword() : node.sshPassword(),
        newCredentials ? m.sshKey() : node.sshKey(),
        m.vars() != null ? m.vars() : node.vars());
  }

  /** A new IP that another registered node keeps (one not moving away in this request). */
  private static List<FieldError> addressClashes(List<NodeSpec> merged, NodeInventory inventory) {
    Map<String, String> finalIpOf = new HashMap<>();
    merged.forEach(spec -> finalIpOf.put(spec.nodeId(), spec.ip()));
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      NodeSpec spec = merged.get(i);
      String holder = inventory.byIp(spec.ip()).map(KnownNode::nodeId).orElse(null);
      if (holder != null && !holder.equals(spec.nodeId())
          && spec.ip().equals(finalIpOf.getOrDefault(holder, spec.ip()))) {
        errors.add(new FieldError("nodes[" + i + "].ip",
            spec.ip() + " is registered already as " + holder));
      }
    }
    return errors;
  }

  private static Change change(NodeRecord node, NodeSpec spec, NodeModification m, Instant now) {
    NodeRecord after = node.withAccess(spec.ip(), spec.sshPort(), spec.sshUser(),
        spec.sshPassword(), spec.sshKey(), spec.vars(), now);
    boolean reached = !spec.ip().equals(node.ip()) || spec.sshPort() != node.sshPort()
        || m.sshUser() != null || m.sshPassword() != null || m.sshKey() != null;
    if (reached) {
      // One found unreachable the old way is new: nothing is known yet about the new way.
      after = after.withStatus(NodeTransitions.next(node.status(),
          NodeTransitions.Event.ACCESS_CHANGED), now);
    }
    Change change = new Change(node, after, m.resetsHostKey());
    return change.addressChanged() ? new Change(node, after, true) : change;
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw QsApiException.invalid(errors.size() + " problem(s) in nodes; nothing was changed",
          errors);
    }
  }
}
