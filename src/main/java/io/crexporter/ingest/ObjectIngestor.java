package io.crexporter.ingest;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.EvaluationError;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Series;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import io.crexporter.store.RenderedObject;
import io.crexporter.store.RenderedStore;
import io.crexporter.store.SeriesLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each incoming object with the current configuration, renders its series into exposition
 * lines and stores them. All mapping and rendering happens here, when an object changes, so that
 * scrapes only write out what is stored.
 */
public final class ObjectIngestor implements ObjectSink {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectIngestor.class);

  private final Supplier<CompiledConfig> config;
  private final RenderedStore store;
  private final Consumer<EvaluationError> errors;

  /**
   * Each thread's buffers, reused from object to object; they hold nothing of a store, so that a
   * thread that outlives an exporter keeps none of its series.
   */
  private static final ThreadLocal<ObjectRenderer> RENDERERS =
      ThreadLocal.withInitial(ObjectRenderer::new);

  public ObjectIngestor(
      Supplier<CompiledConfig> config, RenderedStore store, Consumer<EvaluationError> errors) {
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
    List<Series> series = new ArrayList<>();
    List<EvaluationError> failed = new ArrayList<>(0);
    for (int i = 0; i < mappings.size(); i++) {
      ObjectEvaluator.evaluateInto(mappings.get(i), object, series, failed);
    }
    for (int i = 0; i < failed.size(); i++) {
      errors.accept(failed.get(i));
    }
    // a label is for telling series apart: one that holds a whole document (an annotation of
    // 256 KiB) would be stored and sent with every scrape
    RenderedObject rendered =
        RENDERERS
            .get()
            .render(
                series,
                store::familyId,
                store.limits().labelValueLength(),
                tooLong ->
                    store.droppedBeforehand(
                        tooLong.family().name(), SeriesLimits.Reason.LABEL_VALUE_TOO_LONG, 1));
    ResourceId mapped = mappings.get(0).resource();
    // counted at the version the object was read at, which discovery may have chosen, and under
    // its own kind when the mapping is of every kind of the group
    ResourceId resource =
        new ResourceId(mapped.group(), ResourceId.versionOf(apiVersion), kind, mapped.plural());
    store.put(key, resource, rendered);
  }

  @Override
  public void delete(ObjectKey key) {
    store.remove(key);
  }
}
