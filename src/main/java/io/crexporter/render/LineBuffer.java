package io.crexporter.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that exposition lines are written into, reused from one object to the next
 * so that rendering allocates only the bytes it keeps.
 */
public final class LineBuffer {

  private byte[] bytes;
  private int size;

  public LineBuffer() {
    this(4096);
  }

  public LineBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  public int size() {
    return size;
  }

  public void reset() {
    size = 0;
  }

  /** Drops what was written after {@code mark}, a size read before. */
  public void truncate(int mark) {
    size = mark;
  }

  /** The bytes written, copied. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** The bytes from {@code from} to the end, copied. */
  public byte[] copyFrom(int from) {
    return Arrays.copyOfRange(bytes, from, size);
  }

  /** The backing array: valid up to {@link #size()}, until the next write. */
  public byte[] array() {
    return bytes;
  }

  LineBuffer append(byte b) {
    ensure(1);
    bytes[size++] = b;
    return this;
  }

  public LineBuffer append(byte[] source, int from, int length) {
    ensure(length);
    System.arraycopy(source, from, bytes, size, length);
    size += length;
    return this;
  }

  public LineBuffer append(byte[] source) {
    return append(source, 0, source.length);
  }

  /** Appends text known to be ASCII (names, numbers), one byte a character. */
  LineBuffer appendAscii(String text) {
    int length = text.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) text.charAt(i);
    }
    return this;
  }

  /**
   * Appends a label value in UTF-8 with the exposition formats' escapes: backslash, double quote
   * and newline. Unpaired surrogates become {@code ?}, as Java's UTF-8 encoder writes them.
   */
  LineBuffer appendEscaped(String text) {
    int length = text.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // rare in label values: let the JDK encode the rest, escaping it first
        appendEscapedUtf8(text.substring(i));
        return this;
      }
      switch (c) {
        case '\\' -> appendAscii("\\\\");
        case '"' -> appendAscii("\\\"");
        case '\n' -> appendAscii("\\n");
        default -> append((byte) c);
      }
    }
    return this;
  }

  private void appendEscapedUtf8(String rest) {
    String escaped = rest.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    append(escaped.getBytes(StandardCharsets.UTF_8));
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
