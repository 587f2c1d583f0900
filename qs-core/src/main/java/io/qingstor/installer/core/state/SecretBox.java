package io.qingstor.installer.core.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets kept in state files with AES-256-GCM under a key kept in its own file, so a copy
 * of the state files alone reveals no credential. A sealed value is
 * {@code sealed:v1:<base64 of 12-byte random nonce + ciphertext + tag>}; a value without the
 * prefix is clear text from before sealing and is returned as it is (sealed on its next write).
 *
 * <p>The key file holds one key per line (base64 of 32 bytes): the first seals, every line
 * opens. A rotation ({@link SecretKeyRotation}) puts a new key first, re-seals the state, then
 * drops the old lines; a crash anywhere in between leaves every value openable.
 */
public final class SecretBox {
  /** The prefix of every value this box sealed; the version names key and cipher. */
  public static final String PREFIX = "sealed:v1:";

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final List<SecretKeySpec> keys;
  private final Path keyFile;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(List<byte[]> keys, Path keyFile) {
    this.keys = keys.stream().map(k -> new SecretKeySpec(k, "AES")).toList();
    this.keyFile = keyFile;
  }

  /**
   * The box whose keys are in {@code keyFile} (base64 of 32 bytes per line, the first sealing),
   * creating the file with a new random key, mode 0600, when it does not exist.
   *
   * @throws IllegalStateException naming the file when it holds no valid key or cannot be made
   */
  public static SecretBox openOrCreate(Path keyFile) {
    requireNonNull(keyFile, "keyFile");
    Path file = keyFile.toAbsolutePath();
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return new SecretBox(readKeys(file), file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the secret key file " + file + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the secret key file " + file + " holds no valid key ("
          + e.getMessage() + "); restore it from the backup kept with the data directory", e);
    }
  }

  /** The keys of {@code file}, in order; at least one. */
  static List<byte[]> readKeys(Path file) throws IOException {
    List<byte[]> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (line.isBlank()) {
        continue;
      }
      byte[] key = Base64.getDecoder().decode(line.strip());
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException("line " + (keys.size() + 1) + " holds " + key.length
            + " bytes, not " + KEY_BYTES);
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("it is empty");
    }
    return keys;
  }

  /** The key file's text for {@code keys}, one base64 key per line. */
  static String keyFileText(List<byte[]> keys) {
    StringBuilder text = new StringBuilder();
    keys.forEach(k -> text.append(Base64.getEncoder().encodeToString(k)).append('\n'));
    return text.toString();
  }

  /** A new random key. */
  static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static void create(Path file) throws IOException {
    byte[] key = newKey();
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    Files.writeString(file, keyFileText(List.of(key)), StandardCharsets.US_ASCII,
        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }

  /** The key file, for messages. */
  public Path keyFile() {
    return keyFile;
  }

  /** Seals {@code clear}; a value sealed already is returned as it is. */
  public String seal(String clear) {
    if (clear.startsWith(PREFIX)) {
      return clear;
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a secret: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The clear text of {@code value}: unsealed when it carries the prefix, else as it is.
   *
   * @throws IllegalStateException naming the key file when the value was sealed under another key
   *     or is damaged
   */
  public String open(String value) {
    if (!value.startsWith(PREFIX)) {
      return value;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(value.substring(PREFIX.length()));
      if (bytes.length <= NONCE_BYTES) {
        throw new GeneralSecurityException("too short");
      }
      return new String(openWithAnyKey(bytes), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a sealed secret does not open with the key in " + keyFile
          + ": the key file is not the one the data directory was written with (restore the"
          + " matching key file, or pass it with --secret-key-file / QS_SECRET_KEY_FILE)", e);
    }
  }

  /** Tries the keys in order: after a rotation began, a value may be sealed under an older one. */
  private byte[] openWithAnyKey(byte[] bytes) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (SecretKeySpec key : keys) {
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
        return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      } catch (AEADBadTagException wrongKey) {
        last = wrongKey;
      }
    }
    throw last;
  }
}
