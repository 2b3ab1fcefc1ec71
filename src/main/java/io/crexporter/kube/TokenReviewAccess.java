package io.crexporter.kube;

import com.sun.net.httpserver.HttpExchange;
import io.crexporter.web.MetricsAccess;
import io.crexporter.web.Secrets;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.AuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1NonResourceAttributes;
import io.kubernetes.client.openapi.models.V1SubjectAccessReview;
import io.kubernetes.client.openapi.models.V1SubjectAccessReviewSpec;
import io.kubernetes.client.openapi.models.V1SubjectAccessReviewStatus;
import io.kubernetes.client.openapi.models.V1TokenReview;
import io.kubernetes.client.openapi.models.V1TokenReviewSpec;
import io.kubernetes.client.openapi.models.V1TokenReviewStatus;
import io.kubernetes.client.openapi.models.V1UserInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request read {@code /metrics} when its bearer token belongs to someone the cluster allows
 * {@code get} on the non-resource URL {@code /metrics}, as kube-rbac-proxy does: a TokenReview says
 * who the token is, a SubjectAccessReview whether they may. Answers are remembered for a minute by
 * a digest of the token, so that a scrape every 15 s costs the API server nothing most of the time;
 * an API server that cannot answer gives 503, not remembered.
 */
public final class TokenReviewAccess implements MetricsAccess {

  private static final Logger LOG = LoggerFactory.getLogger(TokenReviewAccess.class);
  private static final Duration REMEMBER = Duration.ofMinutes(1);
  private static final int REMEMBERED = 1024;

  /** What was decided for a token, and when. */
  private record Decision(int status, long atNanos) {}

  private final AuthenticationV1Api authentication;
  private final AuthorizationV1Api authorization;
  private final Map<String, Decision> decisions = new ConcurrentHashMap<>();

  public TokenReviewAccess(ApiClient client) {
    this.authentication = new AuthenticationV1Api(client);
    this.authorization = new AuthorizationV1Api(client);
  }

  @Override
  public boolean admit(HttpExchange exchange) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      MetricsAccess.refuse(exchange, 401);
      return false;
    }
    String token = header.substring(7).trim();
    int status = decide(token);
    if (status == 200) {
      return true;
    }
    if (status == 503) {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    } else {
      MetricsAccess.refuse(exchange, status);
    }
    return false;
  }

  private int decide(String token) {
    String key = Secrets.digest(token);
    Decision known = decisions.get(key);
    long now = System.nanoTime();
    if (known != null && now - known.atNanos() < REMEMBER.toNanos()) {
      return known.status();
    }
    int status;
    try {
      status = review(token);
    } catch (ApiException e) {
      LOG.warn(
          "cannot check a token with the API server ({}): answering 503",
          e.getCode() == 0 ? e.getMessage() : "HTTP " + e.getCode());
      return 503;
    }
    if (decisions.size() >= REMEMBERED) {
      decisions.clear();
    }
    decisions.put(key, new Decision(status, now));
    return status;
  }

  private int review(String token) throws ApiException {
    V1TokenReviewStatus identity =
        authentication
            .createTokenReview(new V1TokenReview().spec(new V1TokenReviewSpec().token(token)))
            .execute()
            .getStatus();
    if (identity == null || !Boolean.TRUE.equals(identity.getAuthenticated())) {
      return 401;
    }
    V1UserInfo user = identity.getUser();
    V1SubjectAccessReviewSpec question =
        new V1SubjectAccessReviewSpec()
            .user(user.getUsername())
            .uid(user.getUid())
            .groups(user.getGroups())
            .extra(user.getExtra())
            .nonResourceAttributes(new V1NonResourceAttributes().path("/metrics").verb("get"));
    V1SubjectAccessReviewStatus answer =
        authorization
            .createSubjectAccessReview(new V1SubjectAccessReview().spec(question))
            .execute()
            .getStatus();
    return answer != null && answer.getAllowed() ? 200 : 403;
  }
}
