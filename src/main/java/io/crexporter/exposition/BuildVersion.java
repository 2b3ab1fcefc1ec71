package io.crexporter.exposition;

/** The version written into the jar's manifest at build time. */
public final class BuildVersion {

  private BuildVersion() {}

  public static String get() {
    String version = BuildVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
