package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/** {@code DescribeAccessKeys}: no parameters. */
public record DescribeAccessKeysRequest() implements ApiRequest {}
