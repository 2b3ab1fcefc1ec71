package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The members made with a reused deflater are the bytes GZIPOutputStream makes, and chain. */
class GzipMembersTest {

  @Test
  void aMemberIsWhatGzipOutputStreamWrites() throws IOException {
    Random random = new Random(3);
    for (int size : new int[] {0, 1, 100, 4096, 65_536, 300_000}) {
      byte[] bytes = lines(random, size);
      ByteArrayOutputStream reference = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(reference)) {
        gzip.write(bytes);
      }
      assertArrayEquals(reference.toByteArray(), GzipMembers.member(bytes, 0, bytes.length));
    }
  }

  @Test
  void membersAndCompressedTextFollowEachOtherAsOneStream() throws IOException {
    Random random = new Random(4);
    byte[] first = lines(random, 5000);
    byte[] second = lines(random, 7000);
    byte[] third = lines(random, 300);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GzipMembers gzip = new GzipMembers(out)) {
      gzip.write(first);
      gzip.writeMember(GzipMembers.member(second, 0, second.length));
      gzip.write(third);
    }
    byte[] unzipped;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      unzipped = in.readAllBytes();
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(first);
    expected.writeBytes(second);
    expected.writeBytes(third);
    assertArrayEquals(expected.toByteArray(), unzipped);
  }

  private static byte[] lines(Random random, int size) {
    StringBuilder text = new StringBuilder();
    while (text.length() < size) {
      text.append("metric{name=\"o")
          .append(random.nextInt(1000))
          .append("\",status=\"True\"} ")
          .append(random.nextInt(3))
          .append(".0\n");
    }
    return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
  }
}
