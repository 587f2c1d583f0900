package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Opens authenticated SSH sessions, turning every failure into an UNREACHABLE
 * {@link NodeFailure} whose detail starts with {@code cannot connect to host:port:} and whose
 * {@link FailureReason} says which kind it was (refused, unreachable, host key, login...).
 */
final class SshConnector {

  private final SshClient client;
  private final Duration connectTimeout;
  private final Duration authTimeout;

  SshConnector(SshClient client, Duration connectTimeout, Duration authTimeout) {
    this.client = requireNonNull(client, "client");
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
    this.authTimeout = requireNonNull(authTimeout, "authTimeout");
  }

  /** Connects to {@code node} and authenticates with its credentials. */
  ClientSession open(NodeTarget node, Cancellation cancellation) throws NodeFailure {
    String prefix = "cannot connect to " + node.address() + ": ";
    AtomicReference<String> rejection = new AtomicReference<>();
    AttributeRepository context = AttributeRepository.ofAttributesMap(Map.of(
        KnownHosts.HOST_TOKEN, KnownHosts.token(node.host(), node.port()),
        KnownHosts.REJECTION, rejection));
    ConnectFuture connecting;
    try {
      connecting = client.connect(node.user(), node.host(), node.port(), context, null);
    } catch (IOException e) {
      throw NodeFailure.unreachable(prefix + Waits.message(e), FailureClassifier.ofConnectError(e));
    }
    Waits.Result waited = Waits.await(connecting, connectTimeout, cancellation);
    if (waited != Waits.Result.DONE) {
      abandon(connecting);
      throw waited == Waits.Result.CANCELLED ? cancelled(cancellation)
          : NodeFailure.unreachable(prefix + "timed out after " + Durations.format(connectTimeout),
              FailureReason.HOST_UNREACHABLE);
    }
    if (!connecting.isConnected()) {
      throw NodeFailure.unreachable(prefix + Waits.message(connecting.getException()),
          FailureClassifier.ofConnectError(connecting.getException()));
    }
    ClientSession session = connecting.getSession();
    try {
      authenticate(session, node, cancellation, prefix, rejection);
      return session;
    } catch (NodeFailure | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }

  private void authenticate(ClientSession session, NodeTarget node, Cancellation cancellation, String prefix,
      AtomicReference<String> rejection) throws NodeFailure {
    addIdentity(session, node, prefix);
    AuthFuture auth;
    try {
      auth = session.auth();
    } catch (IOException e) {
      throw authFailure(session, rejection.get(), node, prefix, e);
    }
    Waits.Result waited = Waits.await(auth, authTimeout, cancellation);
    if (waited == Waits.Result.CANCELLED) {
      throw cancelled(cancellation);
    }
    if (waited == Waits.Result.TIMED_OUT) {
      String refused = rejection.get();
      throw refused != null ? NodeFailure.unreachable(prefix + refused, KnownHosts.reasonOf(refused))
          : NodeFailure.unreachable(prefix + "no SSH handshake and authentication within "
              + Durations.format(authTimeout), FailureReason.HOST_UNREACHABLE);
    }
    if (!auth.isSuccess()) {
      throw authFailure(session, rejection.get(), node, prefix, auth.getException());
    }
  }

  private static void addIdentity(ClientSession session, NodeTarget node, String prefix) throws NodeFailure {
    if (node.password() != null) {
      session.addPasswordIdentity(node.password());
      return;
    }
    try {
      Collection<KeyPair> keys = SecurityUtils.getKeyPairResourceParser().loadKeyPairs(
          null, NamedResource.ofName("private key of node " + node.nodeId()), FilePasswordProvider.EMPTY,
          node.privateKeyPem());
      if (keys == null || keys.isEmpty()) {
        throw NodeFailure.unreachable(prefix + "the private key of node " + node.nodeId() + " holds no key",
            FailureReason.AUTH_FAILED);
      }
      keys.forEach(session::addPublicKeyIdentity);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The parser's message may quote key material, so only its type is shown.
      throw NodeFailure.unreachable(prefix + "cannot read the private key of node " + node.nodeId()
          + " (" + e.getClass().getSimpleName() + "; an unencrypted OpenSSH or PEM key is required)",
          FailureReason.AUTH_FAILED);
    }
  }

  private static NodeFailure authFailure(ClientSession session, String rejection, NodeTarget node, String prefix,
      Throwable error) {
    if (rejection != null) {
      return NodeFailure.unreachable(prefix + rejection, KnownHosts.reasonOf(rejection));
    }
    if (session.getServerKey() == null) {
      // The key exchange never finished: nothing was asked of the credentials yet.
      return NodeFailure.unreachable(prefix + "the SSH handshake did not complete: " + Waits.message(error),
          FailureReason.HOST_UNREACHABLE);
    }
    String method = node.password() != null ? "password" : "private key";
    return NodeFailure.unreachable(prefix + "authentication as " + node.user() + " with " + method
        + " failed: " + Waits.message(error), FailureReason.AUTH_FAILED);
  }

  private static NodeFailure cancelled(Cancellation cancellation) {
    String reason = cancellation.reason();
    return NodeFailure.cancelled("cancelled before start: " + (reason != null ? reason : "thread interrupted"));
  }

  /** Gives up a pending connect; a session that still arrives is closed. */
  private static void abandon(ConnectFuture connecting) {
    connecting.addListener(done -> {
      if (done.isConnected()) {
        done.getSession().close(true);
      }
    });
    connecting.cancel();
  }
}
