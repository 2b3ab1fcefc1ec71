package io.crexporter.bench;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.KsmConverter;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mapping cost of one set of series written three ways: Flux's kube-state-metrics configuration as
 * it is, the same converted by {@code convert}, and the shipped {@code config/flux-gotk.yaml}. All
 * three are timed in one run, in turns, so the ratios hold on a noisy machine.
 *
 * <p>Run: {@code bench/ksm-format.sh [ROUNDS]}
 */
final class KsmFormatProbe {

  private KsmFormatProbe() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path ksm =
        Path.of(
            "src/test/resources/ksm/configs/"
                + "fluxcd__flux2-monitoring-example__kube-state-metrics-config.yaml");
    CompiledConfig original = ConfigLoader.load(List.of(ksm));
    Path converted = Files.createTempFile("flux-converted", ".yaml");
    Files.writeString(converted, KsmConverter.convert(original.resources()).yaml());
    Map<String, CompiledConfig> configs =
        Map.of(
            "kube-state-metrics format",
            original,
            "converted",
            ConfigLoader.load(List.of(converted)),
            "config/flux-gotk.yaml",
            ConfigLoader.load(List.of(Path.of("config/flux-gotk.yaml"))));
    List<Map<String, Object>> objects =
        ExampleObjects.load(
                List.of(
                    Path.of("src/test/resources/fixtures/flux/examples"),
                    Path.of("src/test/resources/fixtures/flux-constructed/examples")))
            .generate(0, 2_000);
    Map<String, long[]> nanos = new java.util.TreeMap<>();
    configs.keySet().forEach(name -> nanos.put(name, new long[1]));
    for (int round = 0; round < rounds; round++) {
      boolean measured = round >= rounds / 4; // the first quarter warms up
      for (Map.Entry<String, CompiledConfig> config : configs.entrySet()) {
        long elapsed = evaluateAll(config.getValue(), objects);
        if (measured) {
          nanos.get(config.getKey())[0] += elapsed;
        }
      }
    }
    long measuredObjects = (long) objects.size() * (rounds - rounds / 4);
    double base = nanos.get("config/flux-gotk.yaml")[0];
    nanos.forEach(
        (name, total) ->
            System.out.printf(
                "%-28s %8.0f ns/object  %.2fx config/flux-gotk.yaml%n",
                name, (double) total[0] / measuredObjects, total[0] / base));
  }

  private static long evaluateAll(CompiledConfig config, List<Map<String, Object>> objects) {
    long start = System.nanoTime();
    long series = 0;
    for (Map<String, Object> object : objects) {
      for (ResourceMapping mapping :
          config.mappingsFor((String) object.get("apiVersion"), (String) object.get("kind"))) {
        series += ObjectEvaluator.evaluate(mapping, object).series().size();
      }
    }
    if (series == 0) {
      throw new IllegalStateException("no series: the objects do not match the configuration");
    }
    return System.nanoTime() - start;
  }
}
