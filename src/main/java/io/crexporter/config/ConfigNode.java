package io.crexporter.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.DumperOptions;
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
  private final Findings findings;
  private final int lineOffset;
  private final int fixedLine;

  /** Problems (the configuration is rejected) and warnings (it loads) found while reading. */
  record Findings(List<ConfigProblem> problems, List<ConfigProblem> warnings) {}

  ConfigNode(Node node, String file, String path, Findings findings) {
    this(node, file, path, findings, 0);
  }

  /**
   * @param lineOffset lines before the node's document in the file, for YAML embedded in a string
   */
  ConfigNode(Node node, String file, String path, Findings findings, int lineOffset) {
    this(node, file, path, findings, lineOffset, 0);
  }

  /**
   * @param fixedLine the line of every node, when the document is embedded in a string whose lines
   *     are not lines of the file (a quoted string); 0 otherwise
   */
  private ConfigNode(
      Node node, String file, String path, Findings findings, int lineOffset, int fixedLine) {
    this.node = node;
    this.file = file;
    this.path = path;
    this.findings = findings;
    this.lineOffset = lineOffset;
    this.fixedLine = fixedLine;
  }

  public SourceLocation location() {
    int line = fixedLine > 0 ? fixedLine : node.getStartMark().getLine() + 1 + lineOffset;
    return new SourceLocation(file, line, path);
  }

  /** The node of a YAML document held in this string scalar, located within this file. */
  ConfigNode embedded(Node document) {
    if (fixedLine > 0
        || !(node instanceof ScalarNode scalar)
        || (scalar.getScalarStyle() != DumperOptions.ScalarStyle.LITERAL
            && scalar.getScalarStyle() != DumperOptions.ScalarStyle.FOLDED)) {
      // a quoted or plain string: its lines (escaped or folded) are not the file's
      return new ConfigNode(document, file, path, findings, 0, location().line());
    }
    // a block scalar's text starts on the line after its indicator
    return new ConfigNode(
        document, file, path, findings, node.getStartMark().getLine() + 1 + lineOffset);
  }

  Node yaml() {
    return node;
  }

  public String path() {
    return path;
  }

  public void problem(String message) {
    findings.problems().add(new ConfigProblem(location(), message));
  }

  /** Something that loads but that the user should know about. */
  public void warn(String message) {
    findings.warnings().add(new ConfigProblem(location(), message));
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
      ConfigNode key = child(tuple.getKeyNode(), path);
      if (!(tuple.getKeyNode() instanceof ScalarNode scalar)) {
        key.problem("keys must be plain strings");
        continue;
      }
      if (scalar.getTag().equals(Tag.MERGE)) {
        merged.addAll(mergedTuples(tuple.getValueNode(), key));
        continue;
      }
      String name = scalar.getValue();
      ConfigNode value = child(tuple.getValueNode(), child(name));
      if (entries.putIfAbsent(name, value) != null) {
        value.problem("duplicate key '" + name + "'");
      }
    }
    for (NodeTuple tuple : merged) {
      String name = ((ScalarNode) tuple.getKeyNode()).getValue();
      entries.putIfAbsent(name, child(tuple.getValueNode(), child(name)));
    }
    return entries;
  }

  /**
   * The value of {@code key} when this is a mapping that has it, given explicitly or by a merge key
   * ({@code <<: *base}), without recording any problem: for telling document shapes apart before
   * reading them.
   */
  Optional<ConfigNode> peek(String key) {
    if (!(node instanceof MappingNode)) {
      return Optional.empty();
    }
    // read the entries with findings nobody keeps; the node found reports to this one's
    Findings discarded = new Findings(new ArrayList<>(), new ArrayList<>());
    ConfigNode found =
        new ConfigNode(node, file, path, discarded, lineOffset, fixedLine).entries().get(key);
    return Optional.ofNullable(found).map(value -> child(value.node, child(key)));
  }

  /** The items when this is a list, without recording any problem; none otherwise. */
  List<ConfigNode> peekItems() {
    List<ConfigNode> items = new ArrayList<>();
    if (node instanceof SequenceNode sequence) {
      List<Node> values = sequence.getValue();
      for (int i = 0; i < values.size(); i++) {
        items.add(child(values.get(i), path + "[" + i + "]"));
      }
    }
    return items;
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
      items.add(child(values.get(i), path + "[" + i + "]"));
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

  private ConfigNode child(Node child, String childPath) {
    return new ConfigNode(child, file, childPath, findings, lineOffset, fixedLine);
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
