package io.crexporter.source;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.crexporter.config.YamlProblems;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON object files, such as {@code kubectl get -o json} writes: one value, or several one after
 * the other, read by a JSON parser in time linear in their size.
 */
final class JsonManifests {

  private static final TypeAdapter<Object> VALUES =
      new GsonBuilder()
          .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
          .create()
          .getAdapter(Object.class);

  private JsonManifests() {}

  static List<Object> read(Path file) throws ManifestParser.ManifestException {
    List<Object> documents = new ArrayList<>();
    try (Reader text = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonReader reader = new JsonReader(text);
      // values one after the other, as JSON lines
      reader.setStrictness(Strictness.LENIENT);
      while (reader.peek() != JsonToken.END_DOCUMENT) {
        documents.add(VALUES.read(reader));
      }
    } catch (MalformedJsonException | JsonParseException e) {
      throw new ManifestParser.ManifestException(file + ": invalid JSON: " + e.getMessage());
    } catch (EOFException e) {
      throw new ManifestParser.ManifestException(file + ": invalid JSON: it ends in a value");
    } catch (IOException e) {
      throw new ManifestParser.ManifestException(YamlProblems.of(file.toString(), e).toString());
    }
    return documents;
  }
}
