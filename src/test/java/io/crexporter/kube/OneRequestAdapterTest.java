package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * client-java's generated request builder takes eleven positional arguments that change between its
 * releases: one adapter calls it, so that an upgrade changes one place.
 */
class OneRequestAdapterTest {

  /** Written in two parts, so that this file does not hold a call itself. */
  private static final String CALL = "." + "buildRequest(";

  @Test
  void onlyApiRequestsCallsTheGeneratedRequestBuilder() throws IOException {
    List<String> callers;
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      callers =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> read(file).contains(CALL))
              .map(file -> file.getFileName().toString())
              .sorted()
              .toList();
    }
    assertEquals(List.of("ApiRequests.java"), callers);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
