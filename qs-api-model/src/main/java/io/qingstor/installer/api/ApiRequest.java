package io.qingstor.installer.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Marker of every action's request record. Unknown top-level fields are ignored (seed clients
 * send extras); typed sub-objects stay strict.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public interface ApiRequest {}
