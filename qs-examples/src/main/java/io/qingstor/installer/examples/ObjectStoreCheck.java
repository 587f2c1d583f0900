package io.qingstor.installer.examples;

import io.qingstor.installer.api.model.AccessKeyInfo;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.testing.S3Client;
import io.qingstor.installer.testing.SigV4Signer;
import io.qingstor.installer.testing.StoreReply;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What an operator does first with the deployed store: read the S3 key with DescribeAccessKeys,
 * PUT an object through one access VIP and GET it back through another.
 */
final class ObjectStoreCheck {
  private static final String BUCKET = "demo";
  private static final String KEY = "hello.txt";

  private ObjectStoreCheck() {}

  /** Runs the round trip, printing each request; true when the bytes read back match. */
  static boolean run(QsClient client, String region, PrintStream out) {
    AccessKeyInfo key = client.describeAccessKeys().accessKeys().get(0);
    out.println("  DescribeAccessKeys: access key " + key.accessKeyId() + " (secret not shown),"
        + " endpoints " + String.join(" ", key.endpoints()));
    String first = key.endpoints().get(0);
    String second = key.endpoints().get(key.endpoints().size() - 1);
    SigV4Signer signer = new SigV4Signer(key.accessKeyId(), key.secretAccessKey(), region);
    byte[] body = ("Hello from the QingStor installer demo, " + System.currentTimeMillis())
        .getBytes(StandardCharsets.UTF_8);
    S3Client writer = new S3Client(first, signer);
    show(out, "PUT " + first + "/" + BUCKET, () -> writer.createBucket(BUCKET));
    StoreReply put = show(out, "PUT " + first + "/" + BUCKET + "/" + KEY + " (" + body.length
        + " bytes)", () -> writer.put(BUCKET, KEY, body));
    S3Client reader = new S3Client(second, signer);
    StoreReply get = show(out, "GET " + second + "/" + BUCKET + "/" + KEY,
        () -> reader.get(BUCKET, KEY));
    boolean same = put.status() == 200 && get.status() == 200 && Arrays.equals(get.body(), body);
    out.println(same ? "  read back through another VIP: \"" + get.text() + "\" (the bytes match)"
        : "  the object read back differs from the one written");
    return same;
  }

  private static StoreReply show(PrintStream out, String request, Supplier<StoreReply> call) {
    long began = System.nanoTime();
    StoreReply reply = call.get();
    out.printf("  S3 %s: HTTP %d in %d ms%n", request, reply.status(),
        (System.nanoTime() - began) / 1_000_000);
    return reply;
  }
}
