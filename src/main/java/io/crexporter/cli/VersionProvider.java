package io.crexporter.cli;

import io.crexporter.exposition.BuildVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"custom-resource-exporter " + BuildVersion.get()};
  }
}
