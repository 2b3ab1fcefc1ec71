package io.crexporter.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The kpack and Flux example objects the benchmarks generate their objects from. */
public final class BenchObjects {

  private BenchObjects() {}

  /** {@code count} distinct objects made from the examples. */
  public static List<Map<String, Object>> generate(int count) throws IOException {
    return ExampleObjects.load(List.of(Path.of("examples/kpack"), Path.of("examples/flux")))
        .generate(0, count);
  }
}
