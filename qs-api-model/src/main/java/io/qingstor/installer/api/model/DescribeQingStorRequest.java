package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/** {@code DescribeQingStor}: no parameters. */
public record DescribeQingStorRequest() implements ApiRequest {}
