package io.crexporter.config;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ResourceMapping;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads mapping files and directories into one {@link CompiledConfig}, or reports every problem
 * found in all of them together.
 */
public final class ConfigLoader {

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();
  private final List<ResourceMapping> resources = new ArrayList<>();
  private final List<SourceLocation> locations = new ArrayList<>();
  private final List<FamilyDefinition> families = new ArrayList<>();

  /** Files read so far, by real path: a file named twice (a directory and a file in it) is one. */
  private final Set<Path> filesRead = new HashSet<>();

  private ConfigLoader() {}

  public static CompiledConfig load(List<Path> paths) throws InvalidConfigException {
    ConfigLoader loader = new ConfigLoader();
    for (Path path : paths) {
      loader.loadPath(path);
    }
    loader.checkFamilies();
    loader.checkOneSelectionPerKind();
    if (loader.problems.isEmpty() && loader.resources.isEmpty()) {
      loader.problems.add(
          new ConfigProblem(
              new SourceLocation(
                  String.join(", ", paths.stream().map(Path::toString).toList()), 0, ""),
              "no resources are mapped"));
    }
    if (!loader.problems.isEmpty()) {
      throw new InvalidConfigException(loader.problems);
    }
    return new CompiledConfig(
        loader.resources, loader.warnings.stream().map(ConfigProblem::toString).toList());
  }

  private void loadPath(Path path) {
    List<Path> files;
    try {
      files = FileSets.expand(path);
    } catch (IOException e) {
      fileProblem(path, "cannot read: " + e.getMessage());
      return;
    }
    for (Path file : files) {
      if (filesRead.add(realPath(file))) {
        loadFile(file);
      }
    }
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      // reported when the file is read
      return file.toAbsolutePath().normalize();
    }
  }

  private void loadFile(Path file) {
    String name = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Node document : Yamls.create().composeAll(reader)) {
        if (document == null) {
          continue;
        }
        ConfigNode root =
            new ConfigNode(document, name, "", new ConfigNode.Findings(problems, warnings));
        MappingDocument read = ConfigDocumentReader.read(root);
        resources.addAll(read.resources());
        locations.addAll(read.locations());
        families.addAll(read.families());
      }
    } catch (YAMLException | IOException e) {
      problems.add(YamlProblems.of(name, e));
    }
  }

  /** One name is one metric: every definition must agree on the type. */
  private void checkFamilies() {
    Map<String, FamilyDefinition> first = new HashMap<>();
    for (FamilyDefinition definition : families) {
      FamilyDefinition earlier = first.putIfAbsent(definition.family().name(), definition);
      if (earlier != null && earlier.family().type() != definition.family().type()) {
        problems.add(
            new ConfigProblem(
                definition.where(),
                "metric '"
                    + definition.family().name()
                    + "' is defined as "
                    + definition.family().type().configName()
                    + " here but as "
                    + earlier.family().type().configName()
                    + " at "
                    + earlier.where().file()
                    + ":"
                    + earlier.where().line()));
      }
    }
  }

  /**
   * A kind is read once: every resource entry of one group and kind must name the same version (or
   * leave it to discovery) and select the same objects. Entries of every kind of a group ({@code
   * kind: "*"}) are checked among themselves; a kind's own entries take precedence over them.
   */
  private void checkOneSelectionPerKind() {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < resources.size(); i++) {
      ResourceMapping mapping = resources.get(i);
      Integer earlierIndex = first.putIfAbsent(mapping.resource().groupKind(), i);
      if (earlierIndex == null) {
        continue;
      }
      ResourceMapping earlier = resources.get(earlierIndex);
      boolean sameVersion = earlier.resource().version().equals(mapping.resource().version());
      // an entry without a plural (kube-state-metrics' usual form) reads the kind's own plural
      boolean samePlural =
          earlier.resource().pluralOrDefault().equals(mapping.resource().pluralOrDefault());
      if (!sameVersion || !samePlural || !earlier.selection().equals(mapping.selection())) {
        SourceLocation where = locations.get(earlierIndex);
        problems.add(
            new ConfigProblem(
                locations.get(i),
                (mapping.resource().isAnyKind()
                        ? "Every kind of " + mapping.resource().group()
                        : mapping.resource().kind())
                    + " is also mapped at "
                    + where.file()
                    + ":"
                    + where.line()
                    + " with another version, plural, namespaces or selector; every entry of one"
                    + " kind must read the same objects"));
      }
    }
  }

  private void fileProblem(Path file, String message) {
    problems.add(new ConfigProblem(new SourceLocation(file.toString(), 0, ""), message));
  }
}
