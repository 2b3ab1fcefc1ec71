package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The mapping language's features (value maps, presence, fallbacks, CEL, nested each) applied to
 * every fixture object give exactly {@code src/test/resources/language/features.prom}. Run with
 * {@code -Dgolden.update=true} to rewrite it after a deliberate change.
 */
class LanguageGoldenTest {

  private static final Path DIR = Path.of("src/test/resources/language");

  @Test
  void featuresOnRealObjects() throws Exception {
    Path mapping = DIR.resolve("features.yaml");
    List<String> sections = new ArrayList<>();
    for (Path fixture : Fixtures.files()) {
      String text = Fixtures.render(List.of(mapping), List.of(fixture));
      if (text.lines().anyMatch(line -> !line.startsWith("#"))) {
        String sorted = Arrays.stream(text.split("\n")).sorted().collect(Collectors.joining("\n"));
        sections.add("# " + Fixtures.ROOT.relativize(fixture) + "\n" + sorted);
      }
    }
    String actual = String.join("\n", sections) + "\n";
    Path golden = DIR.resolve("features.prom");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }
    assertEquals(Files.readString(golden), actual);
    // every feature gives series on the fixtures, so that none is checked against nothing
    for (String series :
        List.of(
            "example_vmi_phase_value{name=\"vm-cirros\",namespace=\"default\"} 1.0",
            "example_vmi_agent_connected{name=\"vm-cirros\",namespace=\"default\"} 1.0",
            "example_vmi_node{name=\"vm-cirros\",namespace=\"default\",node=\"node01\"} 1.0",
            "example_vmi_vcpus{name=\"vm-cirros\",namespace=\"default\"} 1.0",
            "example_vmi_ready_after_seconds{name=\"vm-cirros\",namespace=\"default\"} 20.0",
            "template_kind=\"ClusterSourceTemplate\"")) {
      assertTrue(actual.contains(series), "no " + series + " in\n" + actual);
    }
  }
}
