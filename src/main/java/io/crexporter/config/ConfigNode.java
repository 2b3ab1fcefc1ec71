package io.crexporter.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with its file, line and path, that records a problem instead of throwing when the
 * document does not have the expected shape. Every reader of configuration goes through it so that
 * every message names its place.
 */
public final class ConfigNode {

  private final Node node;
  private final String file;
  private final String path;
  private final List<ConfigProblem> problems;

  ConfigNode(Node node, String file, String path, List<ConfigProblem> problems) {
    this.node = node;
    this.file = file;
    this.path = path;
    this.problems = problems;
  }

  public SourceLocation location() {
    return new SourceLocation(file, node.getStartMark().getLine() + 1, path);
  }

  public String path() {
    return path;
  }

  public void problem(String message) {
    problems.add(new ConfigProblem(location(), message));
  }

  public boolean isMapping() {
    return node instanceof MappingNode;
  }

  public boolean isSequence() {
    return node instanceof SequenceNode;
  }

  public boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /**
   * The entries of a mapping in document order, with those of YAML merge keys ({@code <<: *base})
   * after them unless given explicitly; records a problem and returns none for other nodes.
   */
  public Map<String, ConfigNode> entries() {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      problem("expected a mapping of keys to values, found " + describe());
      return entries;
    }
    List<NodeTuple> merged = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      ConfigNode key = new ConfigNode(tuple.getKeyNode(), file, path, problems);
      if (!(tuple.getKeyNode() instanceof ScalarNode scalar)) {
        key.problem("keys must be plain strings");
        continue;
      }
      if (scalar.getTag().equals(Tag.MERGE)) {
        merged.addAll(mergedTuples(tuple.getValueNode(), key));
        continue;
      }
      String name = scalar.getValue();
      ConfigNode value = new ConfigNode(tuple.getValueNode(), file, child(name), problems);
      if (entries.putIfAbsent(name, value) != null) {
        value.problem("duplicate key '" + name + "'");
      }
    }
    for (NodeTuple tuple : merged) {
      String name = ((ScalarNode) tuple.getKeyNode()).getValue();
      entries.putIfAbsent(name, new ConfigNode(tuple.getValueNode(), file, child(name), problems));
    }
    return entries;
  }

  private List<NodeTuple> mergedTuples(Node value, ConfigNode key) {
    List<NodeTuple> tuples = new ArrayList<>();
    List<Node> sources = value instanceof SequenceNode list ? list.getValue() : List.of(value);
    for (Node source : sources) {
      if (source instanceof MappingNode mapping) {
        mapping.getValue().stream()
            .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode)
            .forEach(tuples::add);
      } else {
        key.problem("'<<' merges a mapping or a list of mappings");
      }
    }
    return tuples;
  }

  /** The items of a sequence; records a problem and returns none otherwise. */
  public List<ConfigNode> items() {
    List<ConfigNode> items = new ArrayList<>();
    if (!(node instanceof SequenceNode sequence)) {
      problem("expected a list, found " + describe());
      return items;
    }
    List<Node> values = sequence.getValue();
    for (int i = 0; i < values.size(); i++) {
      items.add(new ConfigNode(values.get(i), file, path + "[" + i + "]", problems));
    }
    return items;
  }

  /** The text of a scalar; records a problem and returns empty for a mapping, list or null. */
  public Optional<String> text() {
    if (node instanceof ScalarNode scalar && !isNull()) {
      return Optional.of(scalar.getValue());
    }
    problem("expected a single value, found " + describe());
    return Optional.empty();
  }

  public Optional<Boolean> bool() {
    if (node instanceof ScalarNode scalar && node.getTag().equals(Tag.BOOL)) {
      return Optional.of(
          Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT)));
    }
    problem("expected true or false, found " + describe());
    return Optional.empty();
  }

  /** Records a problem for every key not in {@code allowed}. */
  public void allowOnly(Map<String, ConfigNode> entries, Set<String> allowed) {
    for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        entry
            .getValue()
            .problem(
                "unknown key '" + entry.getKey() + "'; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String describe() {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return isNull() ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
  }
}
