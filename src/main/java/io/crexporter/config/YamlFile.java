package io.crexporter.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
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
    } catch (NoSuchFileException e) {
      problems.add(new ConfigProblem(new SourceLocation(name, 0, ""), "no such file"));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      problems.add(
          new ConfigProblem(new SourceLocation(name, line, ""), "invalid YAML: " + e.getProblem()));
    } catch (YAMLException | IOException e) {
      problems.add(
          new ConfigProblem(new SourceLocation(name, 0, ""), "cannot read: " + e.getMessage()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return result;
  }
}
