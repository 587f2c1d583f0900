package io.qingstor.installer.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests (header-based, path-style): computes the
 * {@code Authorization} header from the method, path, query, headers and payload hash.
 * Immutable and thread-safe.
 */
public final class SigV4Signer {
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final HexFormat HEX = HexFormat.of();

  private final String accessKeyId;
  private final String secretKey;
  private final String region;

  /** A signer for one credential in one region (for Swift's s3api: its {@code location}). */
  public SigV4Signer(String accessKeyId, String secretKey, String region) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretKey = requireNonNull(secretKey, "secretKey");
    this.region = requireNonNull(region, "region");
  }

  /** The {@code x-amz-date} value of {@code time}. */
  public static String amzDate(ZonedDateTime time) {
    return AMZ_DATE.format(time.withZoneSameInstant(ZoneOffset.UTC));
  }

  /** The lowercase hex SHA-256 of {@code payload}, as {@code x-amz-content-sha256} wants it. */
  public static String sha256Hex(byte[] payload) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /**
   * The {@code Authorization} header value.
   *
   * @param path the URI-encoded absolute path, e.g. {@code /bucket/key}
   * @param query the canonical query string (sorted, encoded), or empty
   * @param headers every header to sign; must include {@code host}, {@code x-amz-date} and
   *     {@code x-amz-content-sha256}
   * @throws IllegalArgumentException if a required header is missing
   */
  public String authorization(String method, String path, String query, Map<String, String> headers) {
    SortedMap<String, String> signed = new TreeMap<>();
    headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.trim()));
    for (String required : new String[] {"host", "x-amz-date", "x-amz-content-sha256"}) {
      if (!signed.containsKey(required)) {
        throw new IllegalArgumentException("header " + required + " must be signed");
      }
    }
    String amzDate = signed.get("x-amz-date");
    String day = amzDate.substring(0, 8);
    String signedNames = String.join(";", signed.keySet());
    String canonical = String.join("\n", method, path, query,
        signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n")
            .collect(Collectors.joining()),
        signedNames, signed.get("x-amz-content-sha256"));
    String scope = day + "/" + region + "/s3/aws4_request";
    String toSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical.getBytes(UTF_8)));
    byte[] key = ("AWS4" + secretKey).getBytes(UTF_8);
    for (String part : new String[] {day, region, "s3", "aws4_request"}) {
      key = hmac(key, part);
    }
    return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ",SignedHeaders="
        + signedNames + ",Signature=" + HEX.formatHex(hmac(key, toSign));
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "SigV4Signer[" + accessKeyId + ", " + region + "]";
  }
}
