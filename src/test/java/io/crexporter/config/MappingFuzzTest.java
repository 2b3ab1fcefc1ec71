package io.crexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mutated mapping files are loaded or refused with located problems: a short set of seeds. */
class MappingFuzzTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20261203})
  void everyProblemIsLocatedAndNothingElseIsThrown(long seed) throws Exception {
    assertEquals(List.of(), new MappingFuzz().run(seed, 300, dir));
  }
}
