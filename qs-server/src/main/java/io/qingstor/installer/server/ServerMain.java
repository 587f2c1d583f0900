package io.qingstor.installer.server;

/** Entry point of {@code qs-server.jar}. */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) {
    System.out.println("qs-server: not wired yet");
  }
}
