package io.crexporter.store;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.Evaluation;
import io.crexporter.mapping.EvaluationError;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Series;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each incoming object with the current configuration and stores the result. All mapping work
 * happens here, when an object changes, so that scrapes only assemble.
 */
public final class ObjectIngestor implements ObjectSink {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectIngestor.class);

  private final Supplier<CompiledConfig> config;
  private final SeriesStore store;
  private final Consumer<EvaluationError> errors;

  public ObjectIngestor(
      Supplier<CompiledConfig> config, SeriesStore store, Consumer<EvaluationError> errors) {
    this.config = config;
    this.store = store;
    this.errors = errors;
  }

  @Override
  public void upsert(ObjectKey key, Map<String, Object> object) {
    try {
      map(key, object);
    } catch (RuntimeException e) {
      // evaluation is total; this guards against a defect failing a whole batch of objects
      LOG.warn("could not map object {}: {}", key.value(), e.toString());
    }
  }

  private void map(ObjectKey key, Map<String, Object> object) {
    if (!(object.get("apiVersion") instanceof String apiVersion)
        || !(object.get("kind") instanceof String kind)) {
      return;
    }
    List<ResourceMapping> mappings = config.get().mappingsFor(apiVersion, kind);
    if (mappings.isEmpty()) {
      // the type may have been mapped before a configuration change
      store.remove(key);
      return;
    }
    Map<MetricFamily, List<GaugeDataPointSnapshot>> points = new LinkedHashMap<>();
    List<StoredObject.CountContribution> counts = new ArrayList<>();
    for (ResourceMapping mapping : mappings) {
      Evaluation evaluation = ObjectEvaluator.evaluate(mapping, object);
      evaluation.errors().forEach(errors);
      for (Series series : evaluation.series()) {
        Labels labels = labels(series.labels());
        if (series.family().type() == MetricType.COUNT) {
          counts.add(new StoredObject.CountContribution(series.family(), labels));
        } else {
          points
              .computeIfAbsent(series.family(), family -> new ArrayList<>())
              .add(new GaugeDataPointSnapshot(series.value(), labels, null));
        }
      }
    }
    List<StoredObject.FamilyPoints> families = new ArrayList<>(points.size());
    points.forEach((family, list) -> families.add(new StoredObject.FamilyPoints(family, list)));
    ResourceId mapped = mappings.get(0).resource();
    // counted at the version the object was read at, which discovery may have chosen, and under
    // its own kind when the mapping is of every kind of the group
    ResourceId resource =
        new ResourceId(mapped.group(), ResourceId.versionOf(apiVersion), kind, mapped.plural());
    store.put(new StoredObject(key, resource, families, counts));
  }

  @Override
  public void delete(ObjectKey key) {
    store.remove(key);
  }

  private static Labels labels(Map<String, String> sorted) {
    String[] names = sorted.keySet().toArray(new String[0]);
    String[] values = sorted.values().toArray(new String[0]);
    return Labels.of(names, values);
  }
}
