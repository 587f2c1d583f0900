package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/** {@code CancelJob}: stops a running job; it ends {@code failed} saying who cancelled it. */
public record CancelJobRequest(String jobId) implements ApiRequest {}
