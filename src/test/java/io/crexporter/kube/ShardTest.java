package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardTest {

  /** FNV-1a 64 reference vectors, and UIDs whose shards the README documents. */
  @ParameterizedTest
  @CsvSource({
    "'', cbf29ce484222325",
    "a, af63dc4c8601ec8c",
    "foobar, 85944171f73967e8",
  })
  void hashIsFnv1a64(String input, String hex) {
    assertEquals(Long.parseUnsignedLong(hex, 16), Shard.hash(input));
  }

  /**
   * Fixed forever: a change of hash would move objects between shards on an upgrade. Computed apart
   * from this code, with the README's definition.
   */
  @ParameterizedTest
  @CsvSource({
    "0f4e8f8e-4f3a-4b8e-9a51-1f6a5d1d2c11, 549d2001bddbb359, 3, 2",
    "7d1c1f9c-3a6e-4c5c-8d2e-0b5f8f6a9e42, ed8df19d14fa80ba, 3, 1",
    "00000000-0000-0000-0000-0000075bec04, fd5a6bdba482bbbf, 3, 0",
    "0f4e8f8e-4f3a-4b8e-9a51-1f6a5d1d2c11, 549d2001bddbb359, 2, 1",
  })
  void knownUidsKeepTheirShard(String uid, String hash, int total, int shard) {
    assertEquals(Long.parseUnsignedLong(hash, 16), Shard.hash(uid));
    assertEquals(shard, Shard.of(uid, total));
  }

  @Test
  void theHashIsUnsigned() {
    // FNV-1a of "a" is negative as a signed long; a signed remainder would give -2
    assertTrue(Shard.hash("a") < 0);
    assertEquals(Long.remainderUnsigned(Shard.hash("a"), 3), Shard.of("a", 3));
    assertTrue(Shard.of("a", 3) >= 0);
  }

  @Test
  void everyObjectHasExactlyOneShardAndTheyAreEven() {
    int total = 3;
    int[] counts = new int[total];
    for (int i = 0; i < 30_000; i++) {
      String uid = UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString();
      long owners =
          IntStream.range(0, total).filter(ordinal -> new Shard(ordinal, total).owns(uid)).count();
      assertEquals(1, owners, uid);
      counts[Shard.of(uid, total)]++;
    }
    for (int count : counts) {
      assertTrue(
          Math.abs(count - 10_000) < 500, "uneven shards: " + java.util.Arrays.toString(counts));
    }
  }

  @Test
  void oneShardOwnsEverything() {
    assertTrue(Shard.ALL.owns("anything"));
    assertFalse(new Shard(1, 2).owns(uidOfShard(0, 2)));
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "-1, 2", "2, 2", "5, 3"})
  void shardsOutsideTheTotalAreRefused(int ordinal, int total) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Shard(ordinal, total));
    assertTrue(e.getMessage().contains(Integer.toString(total)), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "exporter-0, exporter, 0",
    "exporter-12, exporter, 12",
    "my-release-custom-resource-exporter-2, my-release-custom-resource-exporter, 2",
  })
  void podNamesGiveTheStatefulSetAndOrdinal(String pod, String statefulSet, int ordinal) {
    assertEquals(
        new Sharding.FromStatefulSet("ns", statefulSet, ordinal), Sharding.fromPod(pod, "ns"));
  }

  @ParameterizedTest
  @CsvSource({"exporter", "exporter-", "exporter-01", "-3", "exporter-abc"})
  void podNamesWithoutAnOrdinalAreRefused(String pod) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Sharding.fromPod(pod, "ns"));
    assertTrue(e.getMessage().contains(pod), e.getMessage());
  }

  static String uidOfShard(int ordinal, int total) {
    for (int i = 0; ; i++) {
      String uid = "uid-" + i;
      if (Shard.of(uid, total) == ordinal) {
        return uid;
      }
    }
  }
}
