package io.qingstor.installer.server.auth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real PBKDF2 that records the iteration count of every run, so tests can count hashes. */
final class CountingDerivation implements PasswordVerifiers.Derivation {
  private final List<Integer> runs = new CopyOnWriteArrayList<>();

  @Override
  public byte[] derive(String password, byte[] salt, int iterations) {
    runs.add(iterations);
    return PasswordVerifiers.PBKDF2.derive(password, salt, iterations);
  }

  int count() {
    return runs.size();
  }

  List<Integer> iterationsOfRuns() {
    return List.copyOf(runs);
  }
}
