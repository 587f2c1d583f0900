package io.qingstor.installer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against the worked examples of AWS's "Signature Version 4 for S3" documentation. */
class SigV4SignerTest {
  private static final SigV4Signer AWS_EXAMPLE = new SigV4Signer("AKIAIOSFODNN7EXAMPLE",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void signsTheDocumentedGetObjectExample() {
    String authorization = AWS_EXAMPLE.authorization("GET", "/test.txt", "", Map.of(
        "Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
        "x-amz-content-sha256", EMPTY_SHA256, "x-amz-date", "20130524T000000Z"));

    assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/"
        + "20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;"
        + "x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void hashesThePayloadAsLowercaseHex() {
    assertThat(SigV4Signer.sha256Hex(new byte[0])).isEqualTo(EMPTY_SHA256);
    assertThat(SigV4Signer.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  }

  @Test
  void formatsTheAmzDateInUtc() {
    assertThat(SigV4Signer.amzDate(ZonedDateTime.of(2013, 5, 24, 8, 0, 0, 0, ZoneOffset.ofHours(8))))
        .isEqualTo("20130524T000000Z");
  }

  @Test
  void refusesToSignWithoutTheContentHash() {
    assertThatThrownBy(() -> AWS_EXAMPLE.authorization("GET", "/", "",
        Map.of("host", "h", "x-amz-date", "20130524T000000Z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-amz-content-sha256");
  }

  @Test
  void encodesPathSegmentsAsSigV4Canonicalizes() {
    assertThat(S3Client.encode("a b*c~d/é")).isEqualTo("a%20b%2Ac~d%2F%C3%A9");
    assertThat(S3Client.encodeKey("dir/a b")).isEqualTo("dir/a%20b");
  }
}
