package io.qingstor.installer.core.exec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP server that accepts connections and never says a word: a hung node. */
final class SilentServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  SilentServer(String host) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getByName(host));
    Thread acceptor = new Thread(this::acceptAll, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptAll() {
    try {
      while (true) {
        accepted.add(socket.accept());
      }
    } catch (IOException e) {
      // Closed.
    }
  }

  String address() {
    return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  NodeTarget target() {
    return NodeTarget.withPassword("silent", socket.getInetAddress().getHostAddress(), socket.getLocalPort(),
        "root", "irrelevant");
  }

  @Override
  public void close() throws IOException {
    socket.close(); // ends the acceptor thread
    for (Socket s : accepted) {
      s.close();
    }
  }
}
