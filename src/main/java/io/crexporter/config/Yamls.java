package io.crexporter.config;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML set up for Kubernetes-style documents: plain scalars resolve as in JSON (true/false,
 * numbers, null) and everything else, including timestamps and {@code yes}/{@code no}, stays a
 * string, the way the API server stores it.
 */
public final class Yamls {

  private Yamls() {}

  /** A new parser; SnakeYAML instances are not thread-safe. */
  public static Yaml create() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(64 * 1024 * 1024);
    // anchors and aliases keep mapping files short; SnakeYAML's default of 50 is soon reached
    options.setMaxAliasesForCollections(1000);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options),
        new Representer(dumper),
        dumper,
        options,
        new JsonLikeResolver());
  }

  private static final class JsonLikeResolver extends Resolver {
    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^[-+]?[0-9]+$");
    private static final Pattern FLOAT =
        Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL| )$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "tfTF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
