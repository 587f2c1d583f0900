package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Many followers of step 0 of a job on one thread, over plain HTTP/1.1 keep-alive connections
 * driven by one selector: a load generator in the manner of wrk, so that what a delivery costs
 * is mostly the server's (Java's HttpClient spends ~10x the server's CPU a response). Each
 * connection sends {@code GetDeployQingStorLog} with {@code offset: next_offset, wait_seconds:
 * 30}, reads the answer (Content-Length bodies only, as the server sends), records the delay of
 * every stamped line ({@code line <i> <epoch nanos>}) and asks again, until the step has ended
 * and a page comes back empty. A 5100 is counted and asked again after 20 ms.
 */
final class NioFollowers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final InetSocketAddress address;
  private final String host;
  private final String credentials;

  NioFollowers(URI server, String credentials) {
    this.address = new InetSocketAddress(server.getHost(), server.getPort());
    this.host = server.getHost() + ":" + server.getPort();
    this.credentials = credentials;
  }

  /** Follows {@code jobId} with {@code count} connections until each has read step 0 whole. */
  FollowerFleet.Result follow(String jobId, int count) throws IOException {
    List<Double> delays = new ArrayList<>();
    int[] busy = {0};
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    try (Selector selector = Selector.open()) {
      List<Follower> followers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.connect(address);
        Follower follower = new Follower(jobId, channel, delays, busy);
        follower.key = channel.register(selector, SelectionKey.OP_CONNECT, follower);
        followers.add(follower);
      }
      int open = count;
      while (open > 0) {
        if (System.nanoTime() > deadline) {
          throw new IOException(open + " followers had not finished after 5 minutes");
        }
        long now = System.nanoTime();
        boolean retrying = false;
        for (Follower f : followers) {
          if (f.retryAt != 0) {
            if (now >= f.retryAt) {
              f.retryAt = 0;
              f.send();
            } else {
              retrying = true;
            }
          }
        }
        selector.select(retrying ? 5 : 1000);
        for (SelectionKey key : selector.selectedKeys()) {
          if (((Follower) key.attachment()).ready(key)) {
            open--;
          }
        }
        selector.selectedKeys().clear();
      }
      for (Follower f : followers) {
        f.channel.close();
      }
    }
    return new FollowerFleet.Result(delays, busy[0], 0);
  }

  private final class Follower {
    final String jobId;
    final SocketChannel channel;
    final List<Double> delays;
    final int[] busy;
    SelectionKey key;
    ByteBuffer out;
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    long offset;
    long retryAt;

    Follower(String jobId, SocketChannel channel, List<Double> delays, int[] busy) {
      this.jobId = jobId;
      this.channel = channel;
      this.delays = delays;
      this.busy = busy;
    }

    void send() {
      byte[] body = ("{\"action\":\"GetDeployQingStorLog\"," + credentials + ",\"job_id\":\""
          + jobId + "\",\"job_status\":\"step0\",\"offset\":" + offset
          + ",\"wait_seconds\":30}").getBytes(StandardCharsets.UTF_8);
      byte[] head = ("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json"
          + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      out = ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
      key.interestOps(SelectionKey.OP_WRITE);
    }

    /** Handles a ready key; true once this follower is done. */
    boolean ready(SelectionKey ready) throws IOException {
      if (ready.isConnectable()) {
        channel.finishConnect();
        send();
        return false;
      }
      if (ready.isWritable()) {
        channel.write(out);
        if (!out.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
        }
        return false;
      }
      if (channel.read(in) < 0) {
        throw new IOException("the server closed a follower's connection");
      }
      if (in.remaining() == 0) {
        in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
      }
      byte[] body = response();
      return body != null && handle(JSON.readTree(body));
    }

    /** The body of a complete response in {@code in}, which is then emptied; else null. */
    private byte[] response() throws IOException {
      byte[] bytes = in.array();
      int end = -1;
      for (int i = 3; i < in.position(); i++) {
        if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n'
            && bytes[i - 3] == '\r') {
          end = i + 1;
          break;
        }
      }
      if (end < 0) {
        return null;
      }
      String head = new String(bytes, 0, end, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
      int at = head.indexOf("\r\ncontent-length:");
      if (at < 0) {
        throw new IOException("an answer without Content-Length: " + head);
      }
      int length = Integer.parseInt(head.substring(at + 17, head.indexOf('\r', at + 2)).trim());
      if (in.position() < end + length) {
        return null;
      }
      byte[] body = new byte[length];
      System.arraycopy(bytes, end, body, 0, length);
      in.clear();
      return body;
    }

    /** True once the step has ended and was read whole. */
    private boolean handle(JsonNode answer) throws IOException {
      int retCode = answer.path("ret_code").asInt(-1);
      if (retCode == 5100) {
        busy[0]++;
        retryAt = System.nanoTime() + RETRY_NANOS;
        key.interestOps(0);
        return false;
      }
      if (retCode != 0) {
        throw new IOException("answer: " + answer);
      }
      long now = LogFollower.nowNanos();
      JsonNode step = answer.path("log").path("step0");
      for (JsonNode line : step.path("lines")) {
        String[] words = line.path("text").asText().split(" ");
        if (words.length == 3 && words[0].equals("line")) {
          delays.add((now - Long.parseLong(words[2])) / 1e6);
        }
      }
      offset = step.path("next_offset").asLong(offset);
      String status = step.path("status").asText();
      boolean ended = !status.equals("running") && !status.equals("pending");
      if (ended && step.path("lines").isEmpty()) {
        key.interestOps(0);
        return true;
      }
      send();
      return false;
    }
  }
}
