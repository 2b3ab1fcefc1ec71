package io.crexporter.ingest;

import io.crexporter.bench.BenchObjects;
import io.crexporter.config.ConfigLoader;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.EvaluationError;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Series;
import io.crexporter.render.LineBuffer;
import io.crexporter.render.SampleLines;
import io.crexporter.store.Block;
import io.crexporter.store.FamilyColumn;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The render path, piece by piece: one sample line, all the lines of one object (about 17 series of
 * the kpack and Flux mix), the evaluation that precedes them, and a scrape's reading of a block of
 * 256 stored objects. Run with {@code bench/jmh.sh}; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RenderBenchmark {

  private final ObjectRenderer renderer = new ObjectRenderer();
  private final LineBuffer buffer = new LineBuffer();
  private CompiledConfig config;
  private List<Map<String, Object>> objects;
  private List<List<Series>> series;
  private RenderedStore store;
  private Block.Snapshot block;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    config = ConfigLoader.load(List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml")));
    objects = BenchObjects.generate(256);
    series = new ArrayList<>();
    store = new RenderedStore();
    for (Map<String, Object> object : objects) {
      List<Series> computed = evaluate(object);
      series.add(computed);
      store.put(
          ObjectKey.of(object).orElseThrow(),
          config
              .mappingsFor((String) object.get("apiVersion"), (String) object.get("kind"))
              .get(0)
              .resource(),
          renderer.render(computed, store::familyId));
    }
    FamilyColumn widest = store.columns().get(0);
    for (FamilyColumn column : store.columns()) {
      widest = column.series() > widest.series() ? column : widest;
    }
    block = widest.snapshot().get(0);
  }

  private List<Series> evaluate(Map<String, Object> object) {
    List<Series> out = new ArrayList<>();
    List<EvaluationError> errors = new ArrayList<>();
    for (ResourceMapping mapping :
        config.mappingsFor((String) object.get("apiVersion"), (String) object.get("kind"))) {
      ObjectEvaluator.evaluateInto(mapping, object, out, errors);
    }
    return out;
  }

  private int next() {
    next = (next + 1) % objects.size();
    return next;
  }

  @Benchmark
  public int oneLine() {
    Series one = series.get(next()).get(0);
    buffer.reset();
    SampleLines.append(buffer, one.family().name(), one.labels(), one.value());
    return buffer.size();
  }

  @Benchmark
  public Object renderOneObject() {
    return renderer.render(series.get(next()), store::familyId);
  }

  @Benchmark
  public Object evaluateOneObject() {
    return evaluate(objects.get(next()));
  }

  @Benchmark
  public int writeOneBlock() throws Exception {
    buffer.reset();
    block.write(buffer::append);
    return buffer.size();
  }
}
