package io.crexporter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the {@code generation} of every object from a text scrape, looking at the bytes of each
 * line only as far as needed: a scrape of 100,000 objects is 1.7 million lines, and making a string
 * of each would take longer than the scrape.
 */
final class GenerationLines {

  private static final byte[] MARK = "_generation{".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NAME = "name=\"".getBytes(StandardCharsets.US_ASCII);

  private GenerationLines() {}

  /** Adds each object's name and generation, the higher when it appears twice. */
  static void read(InputStream body, Map<String, Long> generations) throws IOException {
    byte[] line = new byte[1 << 16];
    int length = 0;
    byte[] chunk = new byte[1 << 16];
    for (int n; (n = body.read(chunk)) > 0; ) {
      for (int i = 0; i < n; i++) {
        byte b = chunk[i];
        if (b == '\n') {
          take(line, length, generations);
          length = 0;
        } else if (length < line.length) {
          line[length++] = b;
        }
      }
    }
  }

  private static void take(byte[] line, int length, Map<String, Long> generations) {
    if (length == 0 || line[0] == '#') {
      return;
    }
    int brace = indexOf(line, length, (byte) '{', 0);
    if (brace < MARK.length - 1 || !endsWith(line, brace + 1, MARK)) {
      return;
    }
    int name = indexOf(line, length, NAME, brace);
    if (name < 0) {
      return;
    }
    int from = name + NAME.length;
    int to = indexOf(line, length, (byte) '"', from);
    int space = length - 1;
    while (space > 0 && line[space] != ' ') {
      space--;
    }
    String object = new String(line, from, to - from, StandardCharsets.UTF_8);
    long value =
        (long)
            Double.parseDouble(
                new String(line, space + 1, length - space - 1, StandardCharsets.US_ASCII));
    generations.merge(object, value, Math::max);
  }

  private static boolean endsWith(byte[] line, int end, byte[] suffix) {
    for (int i = 0; i < suffix.length; i++) {
      if (line[end - suffix.length + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] line, int length, byte wanted, int from) {
    for (int i = from; i < length; i++) {
      if (line[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] line, int length, byte[] wanted, int from) {
    outer:
    for (int i = from; i + wanted.length <= length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (line[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
