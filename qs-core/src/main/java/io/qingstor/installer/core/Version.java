package io.qingstor.installer.core;

/** The installer's version, shown as {@code installer_version}. */
public final class Version {
  /** This build's version. */
  public static final String INSTALLER = "0.1.0";

  private Version() {}
}
