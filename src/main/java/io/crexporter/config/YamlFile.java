package io.crexporter.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML file of one document read through {@link ConfigNode}, so that each problem found in it
 * names its file, line and path; for files other than mapping files (the web configuration).
 */
public final class YamlFile {

  private YamlFile() {}

  /**
   * Reads {@code file} with {@code reader}, which reports problems on the nodes it is given.
   *
   * @param empty what a file without a document reads as
   * @throws InvalidConfigException with every problem, when there is any
   */
  public static <T> T read(Path file, Function<ConfigNode, T> reader, T empty)
      throws InvalidConfigException {
    String name = file.toString();
    List<ConfigProblem> problems = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>();
    T result = null;
    try (Reader text = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node document = Yamls.create().compose(text);
      if (document == null) {
        result = empty;
      } else {
        result =
            reader.apply(
                new ConfigNode(document, name, "", new ConfigNode.Findings(problems, warnings)));
      }
    } catch (YAMLException | IOException e) {
      problems.add(YamlProblems.of(name, e));
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return result;
  }
}
