/**
 * The support bundle: a tar.gz of what a bug report needs (versions, state with every secret
 * replaced, job records and log tails, whatever the host adds such as the server's options and
 * log tail), built by {@link io.qingstor.installer.core.support.SupportBundle}.
 */
package io.qingstor.installer.core.support;
