package io.crexporter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.mapping.ResourceId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The store against a model: after any sequence of puts and removes every identity an object has is
 * exposed exactly once, by an object that has it, with that object's current line; the duplicate
 * count is what is left out; and a put that changes nothing changes nothing.
 */
class RenderedStoreTest {

  private static final ResourceId RESOURCE = new ResourceId("g", "v1", "X", "xs");

  private final RenderedStore store = new RenderedStore();

  /**
   * The lines by metric name, the name being what precedes '{' or ' ', as the mapping gives them.
   */
  private RenderedObject rendered(List<String> lines) {
    Map<Integer, StringBuilder> byFamily = new TreeMap<>();
    for (String line : lines) {
      String name = line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '));
      byFamily
          .computeIfAbsent(store.familyId(name), id -> new StringBuilder())
          .append(line)
          .append('\n');
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] index = new int[byFamily.size() * 2];
    int[] firstLines = new int[byFamily.size() + 1];
    List<Long> identities = new ArrayList<>();
    int segment = 0;
    for (Map.Entry<Integer, StringBuilder> family : byFamily.entrySet()) {
      firstLines[segment] = identities.size();
      for (String line : family.getValue().toString().split("\n")) {
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        identities.add(LineIdentity.of(utf8, 0, utf8.length));
      }
      bytes.writeBytes(family.getValue().toString().getBytes(StandardCharsets.UTF_8));
      index[2 * segment] = family.getKey();
      index[2 * segment + 1] = bytes.size();
      segment++;
    }
    firstLines[segment] = identities.size();
    return new RenderedObject(
        new Rendering(bytes.toByteArray(), index),
        identities.stream().mapToLong(Long::longValue).toArray(),
        firstLines,
        null,
        List.of());
  }

  private boolean put(String key, String... lines) {
    return store.put(new ObjectKey(key), RESOURCE, rendered(List.of(lines)));
  }

  /** Every line a scrape would write, per metric name. */
  private Map<String, List<String>> exposed() throws Exception {
    Map<String, List<String>> exposed = new TreeMap<>();
    for (FamilyColumn column : store.columns()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Block.Snapshot block : column.snapshot()) {
        block.write(out::write);
      }
      List<String> lines = out.toString(StandardCharsets.UTF_8).lines().sorted().toList();
      if (!lines.isEmpty()) {
        exposed.put(column.name(), lines);
      }
      assertEquals(lines.size(), column.series(), column.name());
    }
    return exposed;
  }

  private static String identity(String line) {
    return line.substring(0, line.lastIndexOf(' '));
  }

  @Test
  void aSecondObjectWithTheSameSeriesWaitsAndTakesOverWhenTheFirstGoes() throws Exception {
    put("a", "x_info{name=\"same\"} 1.0");
    put("b", "x_info{name=\"same\"} 2.0");
    assertEquals(Map.of("x_info", List.of("x_info{name=\"same\"} 1.0")), exposed());
    assertEquals(1, store.columns().get(store.familyId("x_info")).duplicates());
    store.remove(new ObjectKey("a"));
    assertEquals(Map.of("x_info", List.of("x_info{name=\"same\"} 2.0")), exposed());
    assertEquals(0, store.columns().get(store.familyId("x_info")).duplicates());
  }

  @Test
  void aPutThatChangesNothingTouchesNothing() throws Exception {
    assertTrue(put("a", "x_info{name=\"a\"} 1.0", "x_status{name=\"a\",s=\"True\"} 1.0"));
    Block info = store.columns().get(store.familyId("x_info")).blocks().get(0);
    Block status = store.columns().get(store.familyId("x_status")).blocks().get(0);
    long infoVersion = info.version();
    long statusVersion = status.version();
    assertFalse(put("a", "x_info{name=\"a\"} 1.0", "x_status{name=\"a\",s=\"True\"} 1.0"));
    assertEquals(infoVersion, info.version());
    assertEquals(statusVersion, status.version());
    // a change to one name leaves the blocks of the others as they were
    assertTrue(put("a", "x_info{name=\"a\"} 1.0", "x_status{name=\"a\",s=\"False\"} 1.0"));
    assertEquals(infoVersion, info.version());
    assertTrue(status.version() > statusVersion);
  }

  @Test
  void aMetricTheObjectNoLongerHasGoes() throws Exception {
    put("a", "x_info{name=\"a\"} 1.0", "x_status{name=\"a\"} 1.0");
    put("a", "x_info{name=\"a\"} 1.0");
    assertEquals(Map.of("x_info", List.of("x_info{name=\"a\"} 1.0")), exposed());
    store.remove(new ObjectKey("a"));
    assertEquals(Map.of(), exposed());
    assertEquals(0, store.objects());
  }

  @Test
  void blocksFillAndEmptyAsObjectsComeAndGo() throws Exception {
    for (int i = 0; i < 3 * Block.CAPACITY + 7; i++) {
      put("o" + i, "x_info{name=\"o" + i + "\"} 1.0");
    }
    for (int i = 0; i < 3 * Block.CAPACITY + 7; i += 2) {
      store.remove(new ObjectKey("o" + i));
    }
    List<String> lines = exposed().get("x_info");
    assertEquals((3 * Block.CAPACITY + 7) / 2, lines.size());
    assertTrue(
        lines.stream()
            .allMatch(
                line ->
                    Integer.parseInt(
                                line.replaceAll("\\D", "")
                                    .substring(0, line.replaceAll("\\D", "").length() - 2))
                            % 2
                        == 1),
        lines.toString());
  }

  /** Random puts and removes, with many equal series across objects and names. */
  @Test
  void exposesEveryIdentityOnceWhateverTheSequence() throws Exception {
    Random random = new Random(42);
    Map<String, List<String>> model = new HashMap<>();
    for (int step = 0; step < 5000; step++) {
      String key = "o" + random.nextInt(60);
      if (random.nextInt(4) == 0) {
        store.remove(new ObjectKey(key));
        model.remove(key);
      } else {
        Map<String, String> lines = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          String name = random.nextBoolean() ? "x_info" : "x_status";
          String line = name + "{n=\"" + random.nextInt(12) + "\"} " + random.nextInt(3) + ".0";
          lines.putIfAbsent(identity(line), line);
        }
        List<String> rendered = new ArrayList<>(lines.values());
        store.put(new ObjectKey(key), RESOURCE, rendered(rendered));
        model.put(key, rendered);
      }
      if (step % 250 == 0 || step == 4999) {
        check(model);
      }
    }
  }

  private void check(Map<String, List<String>> model) throws Exception {
    Map<String, List<String>> exposed = exposed();
    Set<String> lines = new HashSet<>();
    Set<String> identities = new TreeSet<>();
    int all = 0;
    for (List<String> object : model.values()) {
      lines.addAll(object);
      object.forEach(line -> identities.add(identity(line)));
      all += object.size();
    }
    List<String> written = exposed.values().stream().flatMap(List::stream).toList();
    assertEquals(
        identities, new TreeSet<>(written.stream().map(RenderedStoreTest::identity).toList()));
    assertEquals(identities.size(), written.size(), "each identity once: " + written);
    assertTrue(lines.containsAll(written), "every line is an object's current line");
    int duplicates = store.columns().stream().mapToInt(FamilyColumn::duplicates).sum();
    assertEquals(all - identities.size(), duplicates);
    assertEquals(model.size(), store.objects());
    assertEquals(
        model.isEmpty() ? Map.of() : Map.of(RESOURCE, (long) model.size()),
        store.objectsPerResource());
    assertTrue(Arrays.stream(new int[0]).allMatch(i -> true));
  }
}
