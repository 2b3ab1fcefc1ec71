package io.crexporter.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short, fixed set of seeds of the object fuzz; {@code bench/fuzz.sh} runs a million objects.
 * Every seed that ever found a defect belongs here.
 */
class ObjectFuzzTest {

  private static ObjectFuzz fuzz;

  @BeforeAll
  static void load() throws Exception {
    fuzz = new ObjectFuzz();
    assertTrue(fuzz.configs() > 5, "the shipped mappings and kube-state-metrics configurations");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20261203})
  void noDefectOnFuzzedObjects(long seed) {
    ObjectFuzz.Findings findings = fuzz.run(seed, 4_000);
    assertEquals(java.util.List.of(), findings.defects());
    assertTrue(findings.evaluations() > 1_000, findings.toString());
    assertTrue(findings.series() > 1_000, "the objects still map: " + findings);
  }
}
