package io.crexporter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ResourceId;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {

  private static final MetricFamily STATUS = new MetricFamily("x_status", "", MetricType.STATESET);
  private static final MetricFamily INFO = new MetricFamily("x_info", "", MetricType.INFO);
  private static final ResourceId RESOURCE = new ResourceId("g", "v1", "X", "xs");

  private final SeriesStore store = new SeriesStore();

  private static GaugeDataPointSnapshot point(double value, String... labels) {
    return new GaugeDataPointSnapshot(value, Labels.of(labels), null);
  }

  private static StoredObject object(
      String key, Map<MetricFamily, List<GaugeDataPointSnapshot>> points) {
    List<StoredObject.FamilyPoints> families = new ArrayList<>();
    points.forEach((family, list) -> families.add(new StoredObject.FamilyPoints(family, list)));
    return new StoredObject(new ObjectKey(key), RESOURCE, families, List.of());
  }

  private List<String> points(MetricFamily family) {
    return store.families().stream()
        .filter(f -> f.family().name().equals(family.name()))
        .flatMap(f -> f.points().stream())
        .map(p -> p.getLabels() + "=" + p.getValue())
        .toList();
  }

  private FamilySeries series(MetricFamily family) {
    return store.families().stream()
        .filter(f -> f.family().name().equals(family.name()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void keepsPointsInLabelOrderAcrossObjects() {
    store.put(
        object(
            "b",
            Map.of(
                STATUS,
                List.of(point(1, "name", "b", "s", "True"), point(0, "name", "b", "s", "False")))));
    store.put(object("a", Map.of(STATUS, List.of(point(0, "name", "a", "s", "True")))));
    assertEquals(
        List.of(
            "{name=\"a\",s=\"True\"}=0.0",
            "{name=\"b\",s=\"False\"}=0.0",
            "{name=\"b\",s=\"True\"}=1.0"),
        points(STATUS));
  }

  @Test
  void replacingAnObjectDropsWhatItNoLongerHasAndChangesTheVersion() {
    store.put(
        object(
            "a",
            Map.of(STATUS, List.of(point(1, "s", "True")), INFO, List.of(point(1, "v", "1")))));
    long before = series(STATUS).version();
    store.put(object("a", Map.of(STATUS, List.of(point(0, "s", "True"), point(1, "s", "False")))));
    assertEquals(List.of("{s=\"False\"}=1.0", "{s=\"True\"}=0.0"), points(STATUS));
    assertEquals(List.of(), points(INFO));
    assertNotEquals(before, series(STATUS).version());
    store.remove(new ObjectKey("a"));
    assertEquals(List.of(), points(STATUS));
  }

  @Test
  void aMetricTheObjectNoLongerHasGoesEvenWhenAnotherHasTheSameLabels() {
    store.put(
        object(
            "a",
            Map.of(INFO, List.of(point(1, "name", "a")), STATUS, List.of(point(1, "name", "a")))));
    store.put(object("a", Map.of(INFO, List.of(point(1, "name", "a")))));
    assertEquals(List.of(), points(STATUS));
    assertEquals(List.of("{name=\"a\"}=1.0"), points(INFO));
  }

  @Test
  void equalLabelsFromTwoObjectsSitSideBySideAndOutliveEachOther() {
    store.put(object("a", Map.of(INFO, List.of(point(1, "name", "same")))));
    store.put(object("b", Map.of(INFO, List.of(point(2, "name", "same")))));
    assertEquals(List.of("{name=\"same\"}=1.0", "{name=\"same\"}=2.0"), points(INFO));
    store.remove(new ObjectKey("a"));
    assertEquals(List.of("{name=\"same\"}=2.0"), points(INFO));
  }

  /** Random puts and removes: the index always equals the points of the current objects, sorted. */
  @Test
  void indexMatchesTheObjectsAfterAnySequenceOfChanges() {
    Random random = new Random(42);
    Map<String, List<GaugeDataPointSnapshot>> model = new HashMap<>();
    for (int step = 0; step < 3000; step++) {
      String key = "o" + random.nextInt(40);
      if (random.nextInt(4) == 0) {
        store.remove(new ObjectKey(key));
        model.remove(key);
        continue;
      }
      List<GaugeDataPointSnapshot> list = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        list.add(
            point(
                random.nextInt(3), "name", "n" + random.nextInt(10), "s", "v" + random.nextInt(3)));
      }
      // the same points under a second name, present only some of the time
      store.put(
          object(
              key, random.nextBoolean() ? Map.of(INFO, list) : Map.of(INFO, list, STATUS, list)));
      model.put(key, list);
    }
    List<String> expected =
        model.values().stream()
            .flatMap(List::stream)
            .sorted(Comparator.comparing(GaugeDataPointSnapshot::getLabels))
            .map(p -> p.getLabels().toString())
            .toList();
    assertEquals(
        expected, points(INFO).stream().map(p -> p.substring(0, p.lastIndexOf('='))).toList());
    assertEquals(model.size(), store.objects().size());
  }
}
