package io.qingstor.installer.api.model;

/** A user as {@code DescribeUsers} shows it; never its password. */
public record UserInfo(String userId, String role, String createTime, String updateTime) {}
