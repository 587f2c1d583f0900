package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/** {@code GetSupportBundle}: takes no parameters. */
public record GetSupportBundleRequest() implements ApiRequest {}
