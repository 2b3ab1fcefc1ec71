package io.crexporter.kube;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GET requests to the API server through client-java's configured client (base path,
 * authentication, TLS), with the timeouts a long-running reader needs: bounded list pages, watches
 * that notice a silent connection, and HTTP/2 pings on every connection. The one place that calls
 * client-java's generated request builder. A failed request becomes a {@link KubeApiException}
 * carrying the server's code, reason, message and {@code Retry-After}.
 */
final class ApiRequests {

  private static final String[] AUTH = {"BearerToken"};

  /** How much longer than its own timeout an HTTP/2 watch may stay silent: pings guard it. */
  private static final long WATCH_OVERRUN_SECONDS = 30;

  /** How much of an error's body is read for its message. */
  private static final long MAX_ERROR_BODY = 4096;

  private final ApiClient client;
  private final OkHttpClient lists;
  private final OkHttpClient watches;
  private final Duration listPageTimeout;
  private final Gson gson = new Gson();

  ApiRequests(ApiClient client, KubeSettings settings) {
    this.client = client;
    this.listPageTimeout = settings.listPageTimeout();
    // one connection pool for both: the ping interval is a property of each connection
    OkHttpClient base =
        client.getHttpClient().newBuilder().pingInterval(settings.pingInterval()).build();
    this.lists = base.newBuilder().readTimeout(settings.listPageTimeout()).build();
    this.watches = base.newBuilder().readTimeout(settings.watchIdleTimeout()).build();
  }

  /**
   * A list page, or a whole list when {@code paginated} is false; bounded by the page timeout (ten
   * times that for a whole list).
   */
  Response list(String path, List<Pair> query, boolean paginated, Consumer<Call> started)
      throws KubeApiException {
    Call call = lists.newCall(authenticatedGet(client, path, query));
    long timeout = listPageTimeout.toMillis() * (paginated ? 1 : 10);
    call.timeout().timeout(timeout, TimeUnit.MILLISECONDS);
    return execute(call, started);
  }

  /**
   * A watch that the server ends after {@code timeoutSeconds}. Over HTTP/1.1 it fails when nothing
   * arrives for the idle timeout; over HTTP/2 the connection's pings tell a dead peer, so it may
   * stay quiet until its end.
   */
  Response watch(String path, List<Pair> query, long timeoutSeconds, Consumer<Call> started)
      throws KubeApiException {
    Response response = execute(watches.newCall(authenticatedGet(client, path, query)), started);
    if (response.protocol() == Protocol.HTTP_2) {
      response
          .body()
          .source()
          .timeout()
          .timeout(timeoutSeconds + WATCH_OVERRUN_SECONDS, TimeUnit.SECONDS);
    }
    return response;
  }

  /** A discovery document or another small read. */
  Response get(String path, Consumer<Call> started) throws KubeApiException {
    Call call = lists.newCall(authenticatedGet(client, path, List.of()));
    call.timeout().timeout(listPageTimeout.toMillis(), TimeUnit.MILLISECONDS);
    return execute(call, started);
  }

  /**
   * A GET of {@code path} with the client's authentication: the one place that calls the generated
   * request builder.
   */
  static Request authenticatedGet(ApiClient client, String path, List<Pair> query)
      throws KubeApiException {
    try {
      return client.buildRequest(
          client.getBasePath(),
          path,
          "GET",
          new ArrayList<>(query),
          new ArrayList<>(),
          null,
          new HashMap<>(Map.of("Accept", "application/json")),
          new HashMap<>(),
          new HashMap<>(),
          AUTH,
          null);
    } catch (ApiException | RuntimeException e) {
      throw new KubeApiException(0, "", "cannot build a request for " + path + ": " + e, null);
    }
  }

  private Response execute(Call call, Consumer<Call> started) throws KubeApiException {
    started.accept(call);
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw new KubeApiException(describe(e), e);
    }
    if (!response.isSuccessful()) {
      try (response) {
        throw failure(response);
      }
    }
    return response;
  }

  private KubeApiException failure(Response response) {
    int code = response.code();
    String reason = "";
    String message = "HTTP " + code;
    try {
      String body = response.peekBody(MAX_ERROR_BODY).string();
      try {
        Map<?, ?> status = gson.fromJson(body, Map.class);
        if (status != null) {
          reason = status.get("reason") instanceof String r ? r : "";
          message = status.get("message") instanceof String m && !m.isEmpty() ? m : message;
        }
      } catch (JsonParseException | IllegalStateException | ClassCastException e) {
        // not a Status (an aggregated API's proxy answers in plain text): its first line says more
        String line = body.strip().lines().findFirst().orElse("");
        message = line.isEmpty() ? message : message + ": " + line;
      }
    } catch (IOException e) {
      // no body to read: the code says enough
    }
    return new KubeApiException(code, reason, message, retryAfter(response.header("Retry-After")));
  }

  /** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** An I/O failure in a few words: its type says more than many messages do. */
  static String describe(IOException e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (type.equals("StreamResetException")) {
      // what every stream of an HTTP/2 connection sees when the connection fails, also when an
      // unanswered ping closed it: the stream's own message says only "PROTOCOL_ERROR"
      return "HTTP/2 connection failed or stopped answering pings (" + message + ")";
    }
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
