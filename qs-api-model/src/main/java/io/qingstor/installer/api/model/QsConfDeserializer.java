package io.qingstor.installer.api.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code qs_conf}: the known keys are bound with their types (a wrong type names the field),
 * every other key is kept in arrival order, so the env file renders them as the operator wrote
 * them.
 */
final class QsConfDeserializer extends StdDeserializer<QsConf> {
  private static final long serialVersionUID = 1L;

  /**
   * The typed part of qs_conf; its components are the known keys, the same as {@link QsConf}'s
   * but {@code extra} (QsConfKnownKeysTest checks it).
   */
  record Known(
      String firstbox,
      String ansibleSshPass,
      Boolean withIaas,
      String zoneId,
      String iaasDomain,
      String globalDomain,
      java.util.List<String> qsNetwork,
      Boolean useCassandra,
      Boolean iptablesEnabled,
      Boolean changeHostname,
      Boolean allowPasswdLogin,
      AccessNodes accessNodes,
      java.util.List<StorageClusterSpec> storageNodes) {}

  private static final Set<String> KNOWN_KEYS = Arrays.stream(Known.class.getRecordComponents())
      .map(c -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName()))
      .collect(Collectors.toUnmodifiableSet());

  QsConfDeserializer() {
    super(QsConf.class);
  }

  @Override
  public QsConf deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode tree = ctxt.readTree(p);
    if (!tree.isObject()) {
      return (QsConf) ctxt.handleUnexpectedToken(QsConf.class, p);
    }
    ObjectNode known = ctxt.getNodeFactory().objectNode();
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      if (KNOWN_KEYS.contains(field.getKey())) {
        known.set(field.getKey(), field.getValue());
      } else {
        extra.put(field.getKey(), ctxt.readTreeAsValue(field.getValue(), Object.class));
      }
    }
    Known k = ctxt.readTreeAsValue(known, Known.class);
    return new QsConf(k.firstbox(), k.ansibleSshPass(), k.withIaas(), k.zoneId(), k.iaasDomain(),
        k.globalDomain(), k.qsNetwork(), k.useCassandra(), k.iptablesEnabled(), k.changeHostname(),
        k.allowPasswdLogin(), k.accessNodes(), k.storageNodes(), extra);
  }
}
