package io.crexporter.kube;

import java.nio.charset.StandardCharsets;

/**
 * One shard of {@code total}: the objects whose UID hashes to {@code ordinal}. The hash is the
 * 64-bit FNV-1a of the UID's UTF-8 bytes, taken as an unsigned number modulo {@code total}: the
 * same for every kind, every replica and every release, so that each object has exactly one shard.
 */
public record Shard(int ordinal, int total) {

  /** Every object: one replica, no sharding. */
  public static final Shard ALL = new Shard(0, 1);

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  public Shard {
    if (total < 1) {
      throw new IllegalArgumentException("the total of shards must be at least 1, not " + total);
    }
    if (ordinal < 0 || ordinal >= total) {
      throw new IllegalArgumentException(
          "shard " + ordinal + " does not exist among " + total + " (0 to " + (total - 1) + ")");
    }
  }

  boolean owns(String uid) {
    return total == 1 || of(uid, total) == ordinal;
  }

  /** The shard of an object among {@code total}. */
  static int of(String uid, int total) {
    return (int) Long.remainderUnsigned(hash(uid), total);
  }

  /** FNV-1a, 64 bits, of the UTF-8 bytes. */
  static long hash(String uid) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : uid.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  @Override
  public String toString() {
    return "shard " + ordinal + " of " + total;
  }
}
