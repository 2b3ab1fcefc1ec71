package io.crexporter.exposition;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream made of members, which RFC 1952 lets follow each other: bytes written here are
 * compressed into the member being written, and a member compressed before (a block of lines that
 * did not change since the last scrape) is copied as it is, after the open member is finished.
 * Every member is compressed at java.util.zip's default level, as client_java compresses.
 */
final class GzipMembers implements AutoCloseable {

  private final OutputStream out;
  private final OutputStream unclosable;
  private GZIPOutputStream open;

  GzipMembers(OutputStream out) {
    this.out = out;
    // finishing a member must not close the response
    this.unclosable =
        new FilterOutputStream(out) {
          @Override
          public void write(byte[] bytes, int from, int length) throws IOException {
            out.write(bytes, from, length);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
  }

  /** Compresses bytes into the open member, starting one if needed. */
  void write(byte[] bytes, int from, int length) throws IOException {
    if (length == 0) {
      return;
    }
    if (open == null) {
      open = new GZIPOutputStream(unclosable, 8192);
    }
    open.write(bytes, from, length);
  }

  void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  /** Copies a whole member compressed before. */
  void writeMember(byte[] member) throws IOException {
    finishOpen();
    out.write(member);
  }

  /** One member holding {@code bytes[from, from + length)}. */
  static byte[] member(byte[] bytes, int from, int length) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(length / 8 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 8192)) {
      gzip.write(bytes, from, length);
    }
    return compressed.toByteArray();
  }

  private void finishOpen() throws IOException {
    if (open != null) {
      // close() ends the member and frees its deflater; the response stays open
      open.close();
      open = null;
    }
  }

  /** Ends the last member; the stream underneath stays open. */
  @Override
  public void close() throws IOException {
    finishOpen();
    out.flush();
  }
}
