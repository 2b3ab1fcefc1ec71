package io.crexporter.kube;

import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads objects from a JSON stream as plain maps, lists and scalars, integers as {@code Long}. An
 * object that a filter declines is skipped as soon as its metadata is read: the API server writes
 * {@code metadata} before {@code spec} and {@code status}, so the bulk of an object of another
 * shard is passed over without being decoded.
 */
final class ObjectStreamReader {

  /** An object read, or only the metadata of one the filter declined. */
  record Decoded(Map<String, Object> object, boolean whole) {}

  private final TypeAdapter<Object> values =
      new GsonBuilder()
          .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
          .create()
          .getAdapter(Object.class);

  /** Any JSON value. */
  Object value(JsonReader reader) throws IOException {
    return values.read(reader);
  }

  /** The next value as an object; anything but an object reads as an empty one. */
  Map<String, Object> object(JsonReader reader) throws IOException {
    return read(reader, ObjectFilter.ALL).object();
  }

  Decoded read(JsonReader reader, ObjectFilter filter) throws IOException {
    if (reader.peek() != JsonToken.BEGIN_OBJECT) {
      reader.skipValue();
      return new Decoded(new LinkedHashMap<>(), true);
    }
    Map<String, Object> object = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      Object value = values.read(reader);
      object.put(name, value);
      if (filter != ObjectFilter.ALL
          && name.equals("metadata")
          && value instanceof Map<?, ?> metadata
          && !filter.keeps(metadata)) {
        while (reader.hasNext()) {
          reader.nextName();
          reader.skipValue();
        }
        reader.endObject();
        Map<String, Object> skipped = new LinkedHashMap<>();
        skipped.put("metadata", metadata);
        return new Decoded(skipped, false);
      }
    }
    reader.endObject();
    return new Decoded(object, true);
  }
}
