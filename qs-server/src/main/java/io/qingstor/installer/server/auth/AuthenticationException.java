package io.qingstor.installer.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when a {@code USER_ID}/{@code PASSWORD} pair is not accepted. The message is the same
 * for every cause so that a caller cannot tell an unknown user from a wrong password or a lockout;
 * {@link #reason()} tells the server's log which it was.
 */
public final class AuthenticationException extends RuntimeException {
  /** The one message every caller sees. */
  public static final String MESSAGE =
      "invalid USER_ID or PASSWORD, or the account is temporarily locked";

  /** Why authentication failed: for server logs only, never for the response. */
  public enum Reason {
    /** The user id or password did not have the required shape. */
    MALFORMED,
    /** No user has this id. */
    UNKNOWN_USER,
    /** The password did not match the user's verifier. */
    WRONG_PASSWORD,
    /** The user is locked out after repeated failures, whatever the password. */
    LOCKED
  }

  private final Reason reason;

  /**
   * Creates the exception for {@code reason}.
   *
   * @throws NullPointerException if {@code reason} is null
   */
  public AuthenticationException(Reason reason) {
    // No stack trace: failures are expected, frequent under attack, and always thrown from here.
    super(MESSAGE, null, false, false);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Returns why authentication failed, for the server's log. */
  public Reason reason() {
    return reason;
  }
}
