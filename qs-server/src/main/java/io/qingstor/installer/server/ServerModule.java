package io.qingstor.installer.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import java.time.Clock;

/**
 * The server's Guice bindings: its options, the clock, and the {@link QsServer} service as a
 * singleton. Binds and nothing else: the service opens its closeable parts when started.
 */
final class ServerModule extends AbstractModule {
  private final ServerOptions options;

  ServerModule(ServerOptions options) {
    this.options = requireNonNull(options, "options");
  }

  @Override
  protected void configure() {
    bind(ServerOptions.class).toInstance(options);
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(QsServer.class).in(Singleton.class);
  }
}
