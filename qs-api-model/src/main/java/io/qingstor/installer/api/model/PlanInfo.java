package io.qingstor.installer.api.model;

/**
 * The plan the installer runs, in {@code DescribeQingStor}'s {@code platform_info.plan}
 * (added).
 *
 * @param name the built-in plan's name ({@code files}, {@code swift}) or the plan directory's
 * @param version the plan's own {@code version}
 */
public record PlanInfo(String name, String version) {}
