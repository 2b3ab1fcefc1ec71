package io.crexporter.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What tells that a file changed: where it really lives (a ConfigMap update swaps a symlink), its
 * size and its modification time.
 */
record FileFingerprint(Path realPath, long size, long modifiedMillis) {

  static FileFingerprint of(Path file) throws IOException {
    Path real = file.toRealPath();
    BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
    return new FileFingerprint(real, attributes.size(), attributes.lastModifiedTime().toMillis());
  }
}
