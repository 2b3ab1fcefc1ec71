package io.crexporter.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The identity of a sample line, its metric name and labels (everything before the last space), as
 * a 64-bit hash: two lines of one scrape with the same identity are the same series. 64 bits make a
 * collision among millions of series unlikely beyond concern (about 1 in 10 million at 1.7 million
 * series).
 */
public final class LineIdentity {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M1 = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xC2B2AE3D27D4EB4FL;

  private LineIdentity() {}

  /** The identity of the line in {@code bytes[from, to)}, {@code to} excluding its newline. */
  public static long of(byte[] bytes, int from, int to) {
    int end = to;
    while (end > from && bytes[end - 1] != ' ') {
      end--;
    }
    // without a space the whole line is its identity; with one, drop the space and value
    int identityEnd = end > from ? end - 1 : to;
    long hash = M1 ^ (identityEnd - from);
    int i = from;
    for (; i + 8 <= identityEnd; i += 8) {
      hash = mix(hash ^ longAt(bytes, i));
    }
    long tail = 0;
    for (int shift = 0; i < identityEnd; i++, shift += 8) {
      tail |= (bytes[i] & 0xFFL) << shift;
    }
    return finish(mix(hash ^ tail));
  }

  private static long longAt(byte[] bytes, int i) {
    return (long) LONGS.get(bytes, i);
  }

  private static long mix(long value) {
    return Long.rotateLeft(value * M1, 31) * M2;
  }

  private static long finish(long hash) {
    hash ^= hash >>> 33;
    hash *= 0xFF51AFD7ED558CCDL;
    hash ^= hash >>> 33;
    hash *= 0xC4CEB9FE1A85EC53L;
    return hash ^ (hash >>> 33);
  }
}
