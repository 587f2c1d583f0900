package io.qingstor.installer.core.job;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Job ids: {@code j-} and 8 random alphanumerics. */
public final class JobIds {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern PATTERN = Pattern.compile("j-[A-Za-z0-9]{8}");

  private JobIds() {}

  /** A new random job id. */
  public static String generate(SecureRandom random) {
    StringBuilder id = new StringBuilder("j-");
    for (int i = 0; i < 8; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** True when {@code id} has the shape of a job id. */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
