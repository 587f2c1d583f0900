/**
 * The SDK's implementation: transport, response decoding and error mapping, retries and the job
 * waiters. Not API: these classes may change in any release; use
 * {@link io.qingstor.installer.client.QsClient}.
 */
package io.qingstor.installer.client.internal;
