package io.crexporter.kube;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Lists and watches collections through client-java's configured client (authentication, TLS,
 * kubeconfig), reading responses as streams so that a page of large objects is never held whole.
 * Objects arrive as plain maps, lists and scalars, integers as {@code Long}.
 */
final class KubeApi {

  private static final Type OBJECT = new TypeToken<Map<String, Object>>() {}.getType();
  private static final String[] AUTH = {"BearerToken"};

  private final ApiClient client;
  private final OkHttpClient http;
  private final Gson gson =
      new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

  KubeApi(ApiClient client) {
    this.client = client;
    // a watch stays open for its whole timeout: reads must be allowed to wait that long
    this.http = client.getHttpClient().newBuilder().readTimeout(Duration.ofMinutes(11)).build();
  }

  /** What a list page says besides its items. */
  record PageInfo(String resourceVersion, String continueToken) {}

  /** One watch event; {@code object} is the object, or a Status for {@code ERROR}. */
  record WatchEvent(String type, Map<String, Object> object) {}

  /** A cancellable source of calls, so that stopping a watcher ends a blocked read at once. */
  interface CallTracker {
    void started(Call call);
  }

  PageInfo listPage(
      ResourceTarget target,
      int limit,
      String continueToken,
      Consumer<Map<String, Object>> items,
      CallTracker tracker)
      throws KubeApiException {
    List<Pair> query = selectors(target);
    query.add(new Pair("limit", Integer.toString(limit)));
    if (!continueToken.isEmpty()) {
      query.add(new Pair("continue", continueToken));
    }
    try (Response response = execute(target, query, tracker)) {
      JsonReader reader = new JsonReader(response.body().charStream());
      String resourceVersion = "";
      String next = "";
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "metadata" -> {
            Map<String, Object> metadata = gson.fromJson(reader, OBJECT);
            resourceVersion = text(metadata.get("resourceVersion"));
            next = text(metadata.get("continue"));
          }
          case "items" -> {
            if (reader.peek() == JsonToken.NULL) {
              reader.nextNull();
              continue;
            }
            reader.beginArray();
            while (reader.hasNext()) {
              items.accept(gson.fromJson(reader, OBJECT));
            }
            reader.endArray();
          }
          default -> reader.skipValue();
        }
      }
      return new PageInfo(resourceVersion, next);
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new KubeApiException(String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Watches from {@code resourceVersion} until the server ends the watch or {@code events} throws.
   * Bookmarks are requested, so the version to resume from stays recent even when nothing changes.
   */
  void watch(
      ResourceTarget target,
      String resourceVersion,
      int timeoutSeconds,
      WatchConsumer events,
      CallTracker tracker)
      throws KubeApiException {
    List<Pair> query = selectors(target);
    query.add(new Pair("watch", "true"));
    query.add(new Pair("allowWatchBookmarks", "true"));
    query.add(new Pair("resourceVersion", resourceVersion));
    query.add(new Pair("timeoutSeconds", Integer.toString(timeoutSeconds)));
    try (Response response = execute(target, query, tracker)) {
      JsonReader reader = new JsonReader(response.body().charStream());
      reader.setStrictness(com.google.gson.Strictness.LENIENT);
      while (reader.peek() != JsonToken.END_DOCUMENT) {
        Map<String, Object> event = gson.fromJson(reader, OBJECT);
        Object object = event.get("object");
        @SuppressWarnings("unchecked")
        Map<String, Object> body =
            object instanceof Map<?, ?> ? (Map<String, Object>) object : Map.of();
        events.accept(new WatchEvent(text(event.get("type")), body));
      }
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new KubeApiException(String.valueOf(e.getMessage()), e);
    }
  }

  /** Receives watch events; may throw to end the watch with an API error. */
  interface WatchConsumer {
    void accept(WatchEvent event) throws KubeApiException;
  }

  private Response execute(ResourceTarget target, List<Pair> query, CallTracker tracker)
      throws KubeApiException, IOException {
    Request request;
    try {
      request =
          client.buildRequest(
              client.getBasePath(),
              target.path(),
              "GET",
              query,
              new ArrayList<>(),
              null,
              new java.util.HashMap<>(Map.of("Accept", "application/json")),
              new java.util.HashMap<>(),
              new java.util.HashMap<>(),
              AUTH,
              null);
    } catch (ApiException e) {
      throw new KubeApiException("cannot build a request for " + target + ": " + e.getMessage(), e);
    }
    Call call = http.newCall(request);
    tracker.started(call);
    Response response = call.execute();
    if (!response.isSuccessful()) {
      try (response) {
        ResponseBody body = response.body();
        throw new KubeApiException(response.code(), statusMessage(response.code(), body));
      }
    }
    return response;
  }

  private String statusMessage(int code, ResponseBody body) {
    try {
      Map<String, Object> status = gson.fromJson(body.charStream(), OBJECT);
      Object message = status == null ? null : status.get("message");
      return message != null ? message.toString() : "HTTP " + code;
    } catch (RuntimeException e) {
      return "HTTP " + code;
    }
  }

  private static List<Pair> selectors(ResourceTarget target) {
    List<Pair> query = new ArrayList<>();
    if (!target.labelSelector().isEmpty()) {
      query.add(new Pair("labelSelector", target.labelSelector()));
    }
    if (!target.fieldSelector().isEmpty()) {
      query.add(new Pair("fieldSelector", target.fieldSelector()));
    }
    return query;
  }

  static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
