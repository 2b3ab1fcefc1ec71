package io.crexporter.exposition;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
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

  /** The header GZIPOutputStream writes: deflate, no name, no time, operating system unknown. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  /** Each thread's deflater, reset for each member: making one per block costs more than it. */
  private static final ThreadLocal<Deflater> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));

  /**
   * One member holding {@code bytes[from, from + length)}: the same header, deflate stream and
   * trailer (CRC-32 and size) GZIPOutputStream writes, with a deflater reused across members.
   */
  static byte[] member(byte[] bytes, int from, int length) {
    Deflater deflater = DEFLATERS.get();
    deflater.reset();
    deflater.setInput(bytes, from, length);
    deflater.finish();
    CRC32 crc = new CRC32();
    crc.update(bytes, from, length);
    ByteArrayOutputStream member = new ByteArrayOutputStream(length / 6 + 64);
    member.writeBytes(HEADER);
    byte[] chunk = new byte[Math.max(512, Math.min(length / 4, 65536))];
    while (!deflater.finished()) {
      member.write(chunk, 0, deflater.deflate(chunk));
    }
    writeInt(member, (int) crc.getValue());
    writeInt(member, length);
    return member.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    for (int shift = 0; shift < 32; shift += 8) {
      out.write(value >>> shift);
    }
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
