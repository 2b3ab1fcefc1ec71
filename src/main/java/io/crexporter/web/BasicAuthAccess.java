package io.crexporter.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Basic authentication against the bcrypt hashes of the web configuration in force, as
 * exporter-toolkit's {@code basic_auth_users}. bcrypt is slow on purpose (tens of milliseconds a
 * check), so a password once found right is remembered, by a digest, for as long as its user's hash
 * stays the same: a scrape every 15 s does not pay it each time.
 */
final class BasicAuthAccess implements MetricsAccess {

  private static final int REMEMBERED = 1024;

  private final Supplier<Map<String, String>> users;
  private final Map<String, String> checked = new ConcurrentHashMap<>();
  private final BasicAuthenticator authenticator =
      new BasicAuthenticator("custom-resource-exporter", StandardCharsets.UTF_8) {
        @Override
        public boolean checkCredentials(String user, String password) {
          return matches(user, password);
        }
      };

  BasicAuthAccess(Supplier<Map<String, String>> users) {
    this.users = users;
  }

  @Override
  public boolean admit(HttpExchange exchange) throws IOException {
    if (users.get().isEmpty()) {
      // the configuration in force has no users: open, as exporter-toolkit
      return true;
    }
    Authenticator.Result result = authenticator.authenticate(exchange);
    if (result instanceof Authenticator.Success) {
      return true;
    }
    // Retry carries the WWW-Authenticate challenge, already set on the response
    MetricsAccess.refuse(exchange, 401);
    return false;
  }

  private boolean matches(String user, String password) {
    String hash = users.get().get(user);
    if (hash == null) {
      return false;
    }
    String key = user + '\0' + Secrets.digest(password);
    if (hash.equals(checked.get(key))) {
      return true;
    }
    boolean right;
    try {
      right = OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    } catch (IllegalArgumentException e) {
      right = false;
    }
    if (right) {
      if (checked.size() >= REMEMBERED) {
        checked.clear();
      }
      checked.put(key, hash);
    }
    return right;
  }
}
