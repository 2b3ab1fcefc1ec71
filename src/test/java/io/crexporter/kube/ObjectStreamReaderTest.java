package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectStreamReaderTest {

  /** Keeps objects whose uid is "mine", and those without a uid. */
  private static final ObjectFilter MINE =
      metadata -> !(metadata.get("uid") instanceof String uid) || uid.equals("mine");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "kept whole, numbers as Long or Double",
            "{\"kind\":\"B\",\"metadata\":{\"uid\":\"mine\"},\"spec\":{\"n\":3,\"x\":1.5}}",
            true,
            Map.of(
                "kind", "B", "metadata", Map.of("uid", "mine"), "spec", Map.of("n", 3L, "x", 1.5))),
        Arguments.of(
            "declined after metadata: the rest is skipped, nested values and all",
            "{\"kind\":\"B\",\"metadata\":{\"uid\":\"other\",\"resourceVersion\":\"7\"},"
                + "\"spec\":{\"a\":[1,{\"b\":[\"}\"]}],\"c\":null},\"status\":{}}",
            false,
            Map.of("metadata", Map.of("uid", "other", "resourceVersion", "7"))),
        Arguments.of(
            "metadata last: what came before is read, then it is declined",
            "{\"spec\":{\"a\":1},\"metadata\":{\"uid\":\"other\"}}",
            false,
            Map.of("metadata", Map.of("uid", "other"))),
        Arguments.of(
            "no uid: kept",
            "{\"metadata\":{\"name\":\"n\"},\"spec\":{}}",
            true,
            Map.of("metadata", Map.of("name", "n"), "spec", Map.of())),
        Arguments.of(
            "no metadata: kept",
            "{\"spec\":{\"a\":true}}",
            true,
            Map.of("spec", Map.of("a", true))),
        Arguments.of("not an object: an empty one", "[1,2]", true, Map.of()),
        Arguments.of("null: an empty one", "null", true, Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsOrDeclines(String name, String json, boolean whole, Map<String, Object> expected)
      throws Exception {
    // each case sits between two kept objects: a skip must end exactly where the object ends
    String stream =
        "[{\"metadata\":{\"uid\":\"mine\"},\"n\":1}," + json + ",{\"metadata\":{},\"n\":2}]";
    JsonReader reader = new JsonReader(new StringReader(stream));
    ObjectStreamReader objects = new ObjectStreamReader();
    List<ObjectStreamReader.Decoded> read = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      read.add(objects.read(reader, MINE));
    }
    reader.endArray();
    assertEquals(3, read.size());
    assertEquals(1L, read.get(0).object().get("n"));
    assertEquals(new ObjectStreamReader.Decoded(expected, whole), read.get(1));
    assertEquals(2L, read.get(2).object().get("n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutAFilterEverythingIsWhole(
      String name, String json, boolean whole, Map<String, Object> expected) throws Exception {
    ObjectStreamReader.Decoded read =
        new ObjectStreamReader().read(new JsonReader(new StringReader(json)), ObjectFilter.ALL);
    assertEquals(true, read.whole());
    if (whole) {
      assertEquals(expected, read.object());
    }
  }
}
