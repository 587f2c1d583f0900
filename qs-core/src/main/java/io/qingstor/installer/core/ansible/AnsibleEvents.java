package io.qingstor.installer.core.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the lines the {@code qs_jsonl} callback plugin writes; other lines are not events. */
final class AnsibleEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "{\"";

  private AnsibleEvents() {}

  /** The event on {@code line}, or empty when the line is not one (a warning, say). */
  static Optional<AnsibleEvent> parse(String line) {
    if (!line.startsWith(PREFIX) || !line.contains("\"qs_event\"")) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    switch (node.path("qs_event").asText()) {
      case "play":
        return Optional.of(new AnsibleEvent.PlayStarted(node.path("name").asText(),
            strings(node.path("hosts")), node.path("tasks").asInt()));
      case "task":
        return Optional.of(new AnsibleEvent.TaskResult(node.path("host").asText(),
            node.path("task").asText(), node.path("status").asText(), text(node, "msg"),
            text(node, "label"), node.path("item").asBoolean(), node.path("ignored").asBoolean(),
            strings(node.path("stdout")), strings(node.path("stderr")),
            node.path("rc").isInt() ? node.path("rc").asInt() : null));
      case "notice":
        return Optional.of(new AnsibleEvent.Notice(node.path("msg").asText()));
      case "stats":
        return Optional.of(recap(node.path("hosts")));
      default:
        return Optional.empty();
    }
  }

  private static AnsibleEvent.Recap recap(JsonNode hosts) {
    Map<String, AnsibleEvent.HostStats> stats = new LinkedHashMap<>();
    hosts.fields().forEachRemaining(e -> {
      JsonNode s = e.getValue();
      stats.put(e.getKey(), new AnsibleEvent.HostStats(s.path("ok").asInt(),
          s.path("changed").asInt(), s.path("unreachable").asInt(), s.path("failures").asInt(),
          s.path("skipped").asInt(), s.path("rescued").asInt(), s.path("ignored").asInt()));
    });
    return new AnsibleEvent.Recap(stats);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
