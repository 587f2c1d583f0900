package io.qingstor.installer.api.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * A reference to a node in a {@code nodes} list: a registered node id or an IP address. On the
 * wire either a plain string or {@code {"node_id": ...}}; the form it arrived in is kept so that
 * what a client sent is what it gets back.
 */
@JsonDeserialize(using = NodeRef.Deserializer.class)
public record NodeRef(String nodeId, boolean objectForm) {
  public NodeRef {
    requireNonNull(nodeId, "nodeId");
  }

  /** A reference written as a plain string. */
  public static NodeRef of(String nodeId) {
    return new NodeRef(nodeId, false);
  }

  @JsonValue
  Object wireValue() {
    return objectForm ? Map.of("node_id", nodeId) : nodeId;
  }

  @Override
  public String toString() {
    return nodeId;
  }

  /** Reads either wire form; anything else is an error that names the field. */
  static final class Deserializer extends StdDeserializer<NodeRef> {
    private static final long serialVersionUID = 1L;
    private static final String EXPECTED = "must be a node id string or {\"node_id\": \"...\"}";

    Deserializer() {
      super(NodeRef.class);
    }

    @Override
    public NodeRef deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return of(p.getText());
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        JsonNode object = ctxt.readTree(p);
        JsonNode id = object.get("node_id");
        if (object.size() == 1 && id != null && id.isTextual()) {
          return new NodeRef(id.textValue(), true);
        }
      }
      return (NodeRef) ctxt.handleUnexpectedToken(NodeRef.class, p.currentToken(), p, EXPECTED);
    }
  }
}
