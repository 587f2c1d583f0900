/**
 * The Java SDK of the QingStor installer's control plane.
 *
 * <p>Build one {@link io.qingstor.installer.client.QsClient} per endpoint and user, share it
 * between threads, and close it when done:
 *
 * <pre>{@code
 * try (QsClient qs = QsClient.builder()
 *     .endpoint("http://10.0.0.1:9090/")
 *     .userId("admin")
 *     .password(System.getenv("QS_PASSWORD"))  // sent as its SHA-256
 *     .build()) {
 *   JobResponse deploy = qs.deployQingStor();
 *   JobInfo done = qs.waitUntilDeployed(deploy.jobId(), WaitOptions.builder()
 *       .timeout(Duration.ofHours(1))
 *       .progressListener(p -> p.newLines().forEach(line ->
 *           System.out.println(p.status() + " " + line.node() + " " + line.text())))
 *       .build());
 *   System.out.println("deployed: " + done.status());
 * } catch (QsJobFailedException e) {
 *   System.err.println(e.getMessage());           // job j-... failed in step2 (...): why
 *   e.lastLogLines().forEach(l -> System.err.println(l.text()));
 * } catch (QsServiceException e) {
 *   System.err.println(e.retCode() + " " + e.serverMessage() + " " + e.fieldErrors());
 * }
 * }</pre>
 *
 * <p>Requests and responses are the records of {@code io.qingstor.installer.api.model}. Errors
 * are thrown, never returned: {@link io.qingstor.installer.client.QsServiceException} when the
 * server answered with a ret_code, {@link io.qingstor.installer.client.QsClientException} when
 * no usable answer came. Read-only actions are retried on transport failures and ServerBusy;
 * platform-changing actions too, because the SDK gives each call one {@code client_token} so the
 * server never starts a second job; other actions are not retried once sent.
 */
package io.qingstor.installer.client;
