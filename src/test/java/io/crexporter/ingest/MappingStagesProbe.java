package io.crexporter.ingest;

import io.crexporter.config.ConfigLoader;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Series;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedObject;
import io.crexporter.store.RenderedStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Time per object of each mapping stage: evaluation, rendering, storing. A bench tool. */
public final class MappingStagesProbe {

  private MappingStagesProbe() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    CompiledConfig config =
        ConfigLoader.load(List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml")));
    List<Map<String, Object>> objects = io.crexporter.bench.BenchObjects.generate(count);
    for (int round = 0; round < 4; round++) {
      RenderedStore store = new RenderedStore();
      ObjectRenderer renderer = new ObjectRenderer();
      long t0 = System.nanoTime();
      List<List<Series>> evaluated = new ArrayList<>(count);
      for (Map<String, Object> object : objects) {
        List<Series> series = new ArrayList<>();
        for (ResourceMapping mapping :
            config.mappingsFor((String) object.get("apiVersion"), (String) object.get("kind"))) {
          series.addAll(ObjectEvaluator.evaluate(mapping, object).series());
        }
        evaluated.add(series);
      }
      long t1 = System.nanoTime();
      List<RenderedObject> rendered = new ArrayList<>(count);
      for (List<Series> series : evaluated) {
        rendered.add(renderer.render(series, store::familyId));
      }
      long t2 = System.nanoTime();
      ResourceId resource = new ResourceId("g", "v1", "K", "ks");
      for (int i = 0; i < count; i++) {
        store.put(ObjectKey.of(objects.get(i)).orElseThrow(), resource, rendered.get(i));
      }
      long t3 = System.nanoTime();
      System.out.printf(
          "evaluate %.1f us, render %.1f us, store %.1f us per object%n",
          (t1 - t0) / 1e3 / count, (t2 - t1) / 1e3 / count, (t3 - t2) / 1e3 / count);
    }
  }
}
