package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;

/** The answer to {@code DescribeQingStor}. */
public record DescribeQingStorResponse(QingStorInfo qingstor) implements ApiResponse {}
