package io.crexporter.kube;

import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Response;

/**
 * Lists and watches collections, reading responses as streams so that a page of large objects is
 * never held whole. Objects arrive as plain maps, lists and scalars, integers as {@code Long};
 * those a filter declines are passed over after their metadata.
 */
final class KubeApi {

  private final ApiRequests requests;
  private final ObjectStreamReader objects = new ObjectStreamReader();

  KubeApi(ApiClient client, KubeSettings settings) {
    this.requests = new ApiRequests(client, settings);
  }

  KubeApi(ApiClient client) {
    this(client, KubeSettings.DEFAULTS);
  }

  /** What a list page says besides its items. */
  record PageInfo(String resourceVersion, String continueToken) {}

  /**
   * One watch event; {@code object} is the object, or a Status for {@code ERROR}.
   *
   * @param whole false when the filter declined the object: then it holds only its metadata
   */
  record WatchEvent(String type, Map<String, Object> object, boolean whole) {
    WatchEvent(String type, Map<String, Object> object) {
      this(type, object, true);
    }
  }

  /** What one list request asks for. */
  record PageRequest(int limit, String continueToken, String resourceVersion) {
    boolean paginated() {
      return limit > 0 && !"0".equals(resourceVersion);
    }
  }

  /** Receives a watch: its start, then each event; may throw to end it with an API error. */
  interface WatchHandler {
    /** The server accepted the watch. */
    void opened();

    void event(WatchEvent event) throws KubeApiException;
  }

  PageInfo listPage(
      ResourceTarget target,
      PageRequest page,
      ObjectFilter filter,
      Consumer<Map<String, Object>> items,
      Consumer<Call> started)
      throws KubeApiException {
    List<Pair> query = selectors(target);
    if (page.limit() > 0) {
      query.add(new Pair("limit", Integer.toString(page.limit())));
    }
    if (!page.continueToken().isEmpty()) {
      query.add(new Pair("continue", page.continueToken()));
    } else if (!page.resourceVersion().isEmpty()) {
      query.add(new Pair("resourceVersion", page.resourceVersion()));
    }
    try (Response response = requests.list(target.path(), query, page.paginated(), started)) {
      JsonReader reader = new JsonReader(response.body().charStream());
      String resourceVersion = "";
      String next = "";
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "metadata" -> {
            Map<String, Object> metadata = objects.object(reader);
            resourceVersion = text(metadata.get("resourceVersion"));
            next = text(metadata.get("continue"));
          }
          case "items" -> readItems(reader, filter, items);
          default -> reader.skipValue();
        }
      }
      return new PageInfo(resourceVersion, next);
    } catch (MalformedJsonException e) {
      throw unreadable("list of " + target, e);
    } catch (IOException e) {
      throw new KubeApiException(ApiRequests.describe(e), e);
    } catch (JsonParseException | IllegalStateException e) {
      throw unreadable("list of " + target, e);
    }
  }

  private void readItems(
      JsonReader reader, ObjectFilter filter, Consumer<Map<String, Object>> items)
      throws IOException {
    if (reader.peek() == JsonToken.NULL) {
      reader.nextNull();
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      ObjectStreamReader.Decoded item = objects.read(reader, filter);
      if (item.whole()) {
        items.accept(item.object());
      }
    }
    reader.endArray();
  }

  /**
   * Watches from {@code resourceVersion} until the server ends the watch or the handler throws.
   * Bookmarks are requested, so the version to resume from stays recent even when nothing changes.
   */
  void watch(
      ResourceTarget target,
      String resourceVersion,
      long timeoutSeconds,
      ObjectFilter filter,
      WatchHandler handler,
      Consumer<Call> started)
      throws KubeApiException {
    List<Pair> query = selectors(target);
    query.add(new Pair("watch", "true"));
    query.add(new Pair("allowWatchBookmarks", "true"));
    query.add(new Pair("resourceVersion", resourceVersion));
    query.add(new Pair("timeoutSeconds", Long.toString(timeoutSeconds)));
    try (Response response = requests.watch(target.path(), query, timeoutSeconds, started)) {
      handler.opened();
      JsonReader reader = new JsonReader(response.body().charStream());
      reader.setStrictness(Strictness.LENIENT);
      while (reader.peek() != JsonToken.END_DOCUMENT) {
        handler.event(event(reader, filter));
      }
    } catch (MalformedJsonException e) {
      throw unreadable("watch of " + target, e);
    } catch (IOException e) {
      throw new KubeApiException(ApiRequests.describe(e), e);
    } catch (JsonParseException | IllegalStateException e) {
      throw unreadable("watch of " + target, e);
    }
  }

  /**
   * One event, {@code {"type": ..., "object": ...}}: the API server writes the type first, so that
   * only objects added or modified, which are mapped, need the filter (a deletion is always read
   * whole, bookmarks and errors have no object of a shard).
   */
  private WatchEvent event(JsonReader reader, ObjectFilter filter) throws IOException {
    String type = "";
    ObjectStreamReader.Decoded object = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "type" -> type = text(objects.value(reader));
        case "object" -> {
          boolean mapped = type.equals("ADDED") || type.equals("MODIFIED");
          object = objects.read(reader, mapped ? filter : ObjectFilter.ALL);
        }
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    if (object == null) {
      return new WatchEvent(type, new LinkedHashMap<>());
    }
    return new WatchEvent(type, object.object(), object.whole());
  }

  /** A discovery document, such as {@code /apis}, as a JSON tree. */
  Map<String, Object> get(String path, Consumer<Call> started) throws KubeApiException {
    try (Response response = requests.get(path, started)) {
      JsonReader reader = new JsonReader(response.body().charStream());
      return reader.peek() == JsonToken.END_DOCUMENT ? Map.of() : objects.object(reader);
    } catch (MalformedJsonException e) {
      throw unreadable(path, e);
    } catch (IOException e) {
      throw new KubeApiException(ApiRequests.describe(e), e);
    } catch (JsonParseException | IllegalStateException e) {
      throw unreadable(path, e);
    }
  }

  /**
   * Gson reports a connection that broke in the middle of a value as a parse error: tell that apart
   * from a body that is not JSON, in the message (both are worth a retry).
   */
  private static KubeApiException unreadable(String what, Exception e) {
    if (!(e instanceof IOException) && e.getCause() instanceof IOException io) {
      return new KubeApiException(ApiRequests.describe(io), io);
    }
    return new KubeApiException("unreadable " + what + ": " + e.getMessage(), e);
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
