package io.crexporter.web;

import io.crexporter.config.ConfigNode;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.config.YamlFile;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Reads a web configuration file as Prometheus' exporter-toolkit does: unknown keys are errors,
 * file paths are relative to the file's directory, and an empty {@code tls_server_config} means
 * plain HTTP. Every problem is reported with its line and path.
 */
public final class WebConfigReader {

  private static final Map<String, String> VERSIONS =
      Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
  private static final List<String> VERSION_ORDER = List.of("TLS10", "TLS11", "TLS12", "TLS13");

  /** The headers exporter-toolkit lets a configuration set. */
  private static final Set<String> HEADERS =
      Set.of(
          "Strict-Transport-Security",
          "X-Content-Type-Options",
          "X-Frame-Options",
          "X-XSS-Protection",
          "Content-Security-Policy");

  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  private final Path directory;

  private WebConfigReader(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    this.directory = parent == null ? Path.of("") : parent;
  }

  /**
   * @throws InvalidConfigException with every problem of the file
   */
  public static WebConfig read(Path file) throws InvalidConfigException {
    WebConfigReader reader = new WebConfigReader(file);
    return YamlFile.read(file, reader::config, WebConfig.PLAIN);
  }

  private WebConfig config(ConfigNode root) {
    if (root.isNull()) {
      return WebConfig.PLAIN;
    }
    Map<String, ConfigNode> entries = root.entries();
    root.allowOnly(entries, Set.of("tls_server_config", "http_server_config", "basic_auth_users"));
    Optional<WebConfig.Tls> tls =
        Optional.ofNullable(entries.get("tls_server_config"))
            .filter(node -> !node.isNull())
            .flatMap(this::tls);
    Map<String, String> users = new LinkedHashMap<>();
    ConfigNode usersNode = entries.get("basic_auth_users");
    if (usersNode != null && !usersNode.isNull()) {
      usersNode
          .entries()
          .forEach(
              (user, hash) ->
                  hash.text()
                      .ifPresent(
                          text -> {
                            if (!BCRYPT.matcher(text).matches()) {
                              hash.problem(
                                  "not a bcrypt hash (such as htpasswd -nBC 10 \"\" prints)");
                            } else {
                              users.put(user, text);
                            }
                          }));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    ConfigNode http = entries.get("http_server_config");
    if (http != null && !http.isNull()) {
      Map<String, ConfigNode> settings = http.entries();
      http.allowOnly(settings, Set.of("http2", "headers"));
      Optional.ofNullable(settings.get("http2")).ifPresent(ConfigNode::bool);
      ConfigNode headerNode = settings.get("headers");
      if (headerNode != null && !headerNode.isNull()) {
        headerNode
            .entries()
            .forEach(
                (name, value) -> {
                  if (!HEADERS.contains(name)) {
                    value.problem("header " + name + " cannot be set; allowed: " + HEADERS);
                  }
                  value.text().ifPresent(text -> headers.put(name, text));
                });
      }
    }
    return new WebConfig(tls, users, headers);
  }

  private Optional<WebConfig.Tls> tls(ConfigNode node) {
    Map<String, ConfigNode> entries = node.entries();
    node.allowOnly(
        entries,
        Set.of(
            "cert_file",
            "key_file",
            "client_auth_type",
            "client_ca_file",
            "min_version",
            "max_version",
            "cipher_suites",
            "curve_preferences",
            "prefer_server_cipher_suites",
            "client_allowed_sans"));
    Path cert = path(entries.get("cert_file"));
    Path key = path(entries.get("key_file"));
    Path clientCa = path(entries.get("client_ca_file"));
    if (cert == null && key == null) {
      // exporter-toolkit serves plain HTTP then
      return Optional.empty();
    }
    if (cert == null || key == null) {
      node.problem(
          "cert_file and key_file go together: "
              + (cert == null ? "cert" : "key")
              + "_file is missing");
    }
    WebConfig.ClientAuth clientAuth = clientAuth(entries.get("client_auth_type"));
    if (clientAuth.verifies() && clientCa == null) {
      node.problem("client_ca_file is needed with client_auth_type " + clientAuth.configName);
    }
    if (clientCa != null && clientAuth == WebConfig.ClientAuth.NO_CLIENT_CERT) {
      node.problem(
          "client_ca_file is set but client_auth_type is NoClientCert: set both or neither");
    }
    String min = version(entries.get("min_version"), "TLS12");
    String max = version(entries.get("max_version"), "TLS13");
    List<String> protocols = new ArrayList<>();
    int from = VERSION_ORDER.indexOf(min);
    int to = VERSION_ORDER.indexOf(max);
    if (from > to) {
      entries.get("max_version").problem("max_version " + max + " is below min_version " + min);
    }
    for (int i = from; i <= to; i++) {
      protocols.add(VERSIONS.get(VERSION_ORDER.get(i)));
    }
    List<String> suites = cipherSuites(entries.get("cipher_suites"));
    ConfigNode curves = entries.get("curve_preferences");
    if (curves != null && !curves.isNull()) {
      curves.warn("curve_preferences is not applied: the JVM's named groups are used");
    }
    boolean prefer =
        Optional.ofNullable(entries.get("prefer_server_cipher_suites"))
            .flatMap(ConfigNode::bool)
            .orElse(true);
    List<String> sans = strings(entries.get("client_allowed_sans"));
    if (!sans.isEmpty() && !clientAuth.verifies()) {
      entries
          .get("client_allowed_sans")
          .problem("client_allowed_sans needs a client_auth_type that verifies certificates");
    }
    if (cert == null || key == null) {
      return Optional.empty();
    }
    return Optional.of(
        new WebConfig.Tls(cert, key, clientCa, clientAuth, protocols, suites, prefer, sans));
  }

  private Path path(ConfigNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.text().filter(text -> !text.isEmpty()).map(directory::resolve).orElse(null);
  }

  private static WebConfig.ClientAuth clientAuth(ConfigNode node) {
    if (node == null || node.isNull()) {
      return WebConfig.ClientAuth.NO_CLIENT_CERT;
    }
    String text = node.text().orElse("");
    for (WebConfig.ClientAuth auth : WebConfig.ClientAuth.values()) {
      if (auth.configName.equals(text)) {
        return auth;
      }
    }
    List<String> names =
        Arrays.stream(WebConfig.ClientAuth.values()).map(a -> a.configName).toList();
    node.problem("unknown client_auth_type '" + text + "'; expected one of " + names);
    return WebConfig.ClientAuth.NO_CLIENT_CERT;
  }

  private static String version(ConfigNode node, String fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    String text = node.text().orElse(fallback);
    if (!VERSIONS.containsKey(text)) {
      node.problem("unknown TLS version '" + text + "'; expected one of " + VERSION_ORDER);
      return fallback;
    }
    return text;
  }

  /** Go's names of TLS 1.2 suites; those Go spells without the hash are given it. */
  private static List<String> cipherSuites(ConfigNode node) {
    List<String> names = strings(node);
    if (names.isEmpty()) {
      return List.of();
    }
    Set<String> supported;
    try {
      supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
    List<String> suites = new ArrayList<>();
    List<ConfigNode> items = node.items();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String jsse = name.endsWith("_CHACHA20_POLY1305") ? name + "_SHA256" : name;
      if (!supported.contains(jsse)) {
        items.get(i).problem("cipher suite " + name + " is not supported by this JVM");
      } else {
        suites.add(jsse);
      }
    }
    return suites;
  }

  private static List<String> strings(ConfigNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (ConfigNode item : node.items()) {
      item.text().ifPresent(values::add);
    }
    return values;
  }
}
