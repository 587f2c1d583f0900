package io.qingstor.installer.api;

/** Marker of every action's success payload (what sits beside {@code action} and {@code ret_code}). */
public interface ApiResponse {}
