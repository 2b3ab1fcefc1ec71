package io.crexporter.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A growable byte buffer that exposition lines are written into, reused from one object to the next
 * so that rendering allocates only the bytes it keeps.
 */
public final class LineBuffer {

  private byte[] bytes;
  private int size;

  /** Writes {@code name="value"} pairs, commas between: one per buffer, so none is allocated. */
  final BiConsumer<String, String> labelWriter = this::appendLabel;

  int labelsWritten;

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

  private void appendLabel(String name, String value) {
    if (labelsWritten++ > 0) {
      append((byte) ',');
    }
    appendAscii(name).append((byte) '=').append((byte) '"');
    appendEscaped(value).append((byte) '"');
  }

  /** Appends text known to be ASCII (names, numbers), one byte a character. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies without an encoder
  LineBuffer appendAscii(String text) {
    int length = text.length();
    ensure(length);
    text.getBytes(0, length, bytes, size);
    size += length;
    return this;
  }

  /**
   * Appends a label value in UTF-8 with the exposition formats' escapes: backslash, double quote
   * and newline. Unpaired surrogates become {@code ?}, as Java's UTF-8 encoder writes them.
   */
  LineBuffer appendEscaped(String text) {
    int length = text.length();
    // ASCII, the usual case, takes one byte a character, two when escaped; the rest is encoded
    // apart
    ensure(length * 2);
    byte[] out = bytes;
    int position = size;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c == '\\' || c == '"') {
          out[position++] = '\\';
          out[position++] = (byte) c;
        } else if (c == '\n') {
          out[position++] = '\\';
          out[position++] = 'n';
        } else {
          out[position++] = (byte) c;
        }
      } else {
        size = position;
        appendUtf8(text, i);
        return this;
      }
    }
    size = position;
    return this;
  }

  /** The rest of {@code text}, from {@code from}, escaped and in UTF-8 as the JDK encodes it. */
  private void appendUtf8(String text, int from) {
    String rest = text.substring(from);
    String escaped = rest.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    append(escaped.getBytes(StandardCharsets.UTF_8));
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
