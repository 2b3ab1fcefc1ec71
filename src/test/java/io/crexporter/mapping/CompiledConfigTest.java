package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledConfigTest {

  /** A mapping without metrics, told apart by its origin. */
  private static ResourceMapping mapping(String origin, String group, String version, String kind) {
    return new ResourceMapping(
        new ResourceId(group, version, kind, ""), Selection.ALL, List.of(), List.of(), origin);
  }

  private static List<String> origins(List<ResourceMapping> mappings) {
    return mappings.stream().map(ResourceMapping::origin).toList();
  }

  private final CompiledConfig config =
      new CompiledConfig(
          List.of(
              mapping("any", "g.io", "", "*"),
              mapping("any-v1", "g.io", "v1", "*"),
              mapping("a", "g.io", "", "A"),
              mapping("a-v2", "g.io", "v2", "A"),
              mapping("other-group", "h.io", "", "*")));

  @Test
  void aKindsOwnMappingsComeBeforeThoseOfEveryKindOfItsGroup() {
    assertEquals(List.of("a", "a-v2", "any"), origins(config.mappingsFor("g.io/v2", "A")));
    assertEquals(List.of("a", "any", "any-v1"), origins(config.mappingsFor("g.io/v1", "A")));
  }

  @Test
  void everyKindOfTheGroupAtTheNamedVersionOnly() {
    assertEquals(List.of("any", "any-v1"), origins(config.mappingsFor("g.io/v1", "B")));
    assertEquals(List.of("any"), origins(config.mappingsFor("g.io/v3", "B")));
    assertEquals(List.of("other-group"), origins(config.mappingsFor("h.io/v1", "A")));
    assertEquals(List.of(), origins(config.mappingsFor("v1", "ConfigMap")));
    assertEquals(List.of(), origins(config.mappingsFor("i.io/v1", "A")));
  }

  @Test
  void anObjectOfKindStarIsMappedOnceByEachMapping() {
    assertEquals(List.of("any", "any-v1"), origins(config.mappingsFor("g.io/v1", "*")));
  }
}
