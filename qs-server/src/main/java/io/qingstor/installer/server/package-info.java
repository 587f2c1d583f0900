/**
 * The installer's HTTP server: {@link io.qingstor.installer.server.QsServer} (start one
 * in-process with {@code QsServer.start(ServerOptions)}) and {@code ServerMain}, the runnable
 * jar's composition root (Guice). Protocol decisions taken here:
 *
 * <ul>
 *   <li>{@code POST /} carries every action; {@code GET /healthz} answers {@code {"status":"ok"}}
 *       without authentication, and 503 (ret_code 5100) while the server shuts down or is
 *       saturated. Any other method or path is a JSON 1100.
 *   <li>A missing {@code USER_ID} or {@code PASSWORD} is a 1200 with the same message as any
 *       other authentication failure (not a 1100), so probing reveals nothing.
 *   <li>Roles: {@code admin} may call everything, {@code operator} the VIEW and OPERATE actions,
 *       {@code viewer} the VIEW ones; any user may change their own password with
 *       {@code ModifyUserPassword}. A denial is a 1400 naming the role and the action.
 *   <li>{@code CreateUser} for an existing user is a 1100 on {@code user_id} (2500 stays "a job
 *       is running"); deleting the last admin is a 1400; an unknown user is a 2100.
 *   <li>A request whose fields fail to decode is answered as its action's response
 *       ({@code DeployQingStorResponse}, ret_code 1100); one that names no known action, or is
 *       not a JSON object, is answered with action {@code ErrorResponse}.
 *   <li>Admission is bounded: {@code worker-threads} run requests and {@code queue-capacity} more
 *       may wait; beyond that a request is answered 5100 at once on the I/O thread.
 * </ul>
 */
package io.qingstor.installer.server;
