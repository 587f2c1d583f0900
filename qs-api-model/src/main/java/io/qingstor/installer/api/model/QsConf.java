package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's environment variables ({@code qs_conf}), rendered into
 * {@code qs_installer_env_config.yml}. The known keys are typed; every other key is kept in
 * {@link #extra()} in arrival order and rendered as-is. {@code access_nodes} and
 * {@code storage_nodes} may also sit in here instead of beside {@code qs_conf}.
 */
@JsonDeserialize(using = QsConfDeserializer.class)
public record QsConf(
    String firstbox,
    String ansibleSshPass,
    Boolean withIaas,
    String zoneId,
    String iaasDomain,
    String globalDomain,
    List<String> qsNetwork,
    Boolean useCassandra,
    Boolean iptablesEnabled,
    Boolean changeHostname,
    Boolean allowPasswdLogin,
    AccessNodes accessNodes,
    List<StorageClusterSpec> storageNodes,
    @JsonAnyGetter Map<String, Object> extra) {

  public QsConf {
    qsNetwork = qsNetwork == null ? null : List.copyOf(qsNetwork);
    storageNodes = storageNodes == null ? null : List.copyOf(storageNodes);
    extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** This conf without the node sections, as kept once they have been lifted beside it. */
  public QsConf withoutNodeSections() {
    return new QsConf(firstbox, ansibleSshPass, withIaas, zoneId, iaasDomain, globalDomain,
        qsNetwork, useCassandra, iptablesEnabled, changeHostname, allowPasswdLogin, null, null,
        extra);
  }

  @Override
  public String toString() {
    return "QsConf[firstbox=" + firstbox + ", zoneId=" + zoneId + ", ansibleSshPass=***, extraKeys="
        + extra.keySet() + "]";
  }
}
