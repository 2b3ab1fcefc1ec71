package io.crexporter.kube;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Creates many custom objects with their status fast enough for a start-up benchmark of 100k
 * objects on 2 cores, where the API server's CPU is the limit: {@link LocalKubeApiServer#createAll}
 * (a create, then a replace of the status subresource, through client-java from 16 threads) made
 * about 190 objects a second, 9 minutes for 100k. Here the CRD is installed without its status
 * subresource, so that one POST stores an object with its status; each body is encoded beforehand
 * and sent as a raw request through the ApiClient's own OkHttp client (its TLS and token) from 32
 * threads; then the CRD is replaced with the real one. About twice as fast; the stored objects are
 * the same but for one managedFields entry instead of two.
 */
final class BulkCreator {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final int THREADS = 32;
  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final String CRD_PLURAL = "customresourcedefinitions";
  private static final Path BUILDS_CRD =
      Path.of("src/test/resources/kube/crds/builds.kpack.io.yaml");

  private BulkCreator() {}

  /**
   * Installs the kpack Build CRD and creates {@code objects} Builds in namespace default, each with
   * the full status of {@code examples/kpack/build-succeeded.yaml} and {@code padKilobytes} of
   * padding in its spec; prints how fast.
   */
  static void kpackBuilds(LocalKubeApiServer api, ProcessCpu cpu, int objects, int padKilobytes)
      throws Exception {
    Map<String, Object> withoutStatus = LocalKubeApiServer.manifest(BUILDS_CRD);
    for (Object version : (List<?>) ((Map<?, ?>) withoutStatus.get("spec")).get("versions")) {
      ((Map<?, ?>) version).remove("subresources");
    }
    api.installCrd(withoutStatus);
    String padding = "x".repeat(padKilobytes * 1024);
    Object status =
        LocalKubeApiServer.manifest(Path.of("examples/kpack/build-succeeded.yaml")).get("status");
    Gson gson = new Gson();
    ProcessCpu.Mark mark = cpu.mark();
    long start = System.nanoTime();
    post(
        api.client(),
        "/apis/kpack.io/v1alpha2/namespaces/default/builds",
        objects,
        i -> {
          Map<String, Object> build = new LinkedHashMap<>();
          build.put("apiVersion", "kpack.io/v1alpha2");
          build.put("kind", "Build");
          build.put("metadata", Map.of("name", "build-" + i, "namespace", "default"));
          Map<String, Object> spec = new LinkedHashMap<>();
          spec.put("tags", List.of("registry.example/app:" + i));
          if (!padding.isEmpty()) {
            spec.put("padding", padding);
          }
          build.put("spec", spec);
          build.put("status", status);
          return gson.toJson(build).getBytes(StandardCharsets.UTF_8);
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "created %d builds of about %d KB in %.1f s: %.0f objects/s (one POST each, %d threads);"
            + " cpu s: this JVM / API server / etcd / rest of machine %s%n",
        objects,
        Math.max(1, padKilobytes),
        seconds,
        objects / seconds,
        THREADS,
        ProcessCpu.format(mark.since()));
    restoreStatusSubresource(api.client(), LocalKubeApiServer.manifest(BUILDS_CRD));
  }

  /** POSTs {@code body(i)} for every {@code i < count} to {@code collection}. */
  private static void post(ApiClient client, String collection, int count, IntFunction<byte[]> body)
      throws Exception {
    // a GET request built by client-java carries the authentication; each POST reuses it
    Request base = ApiRequests.authenticatedGet(client, collection, List.of());
    OkHttpClient http =
        client.getHttpClient().newBuilder().readTimeout(Duration.ofSeconds(60)).build();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        created.add(
            pool.submit(
                () -> {
                  Request post =
                      base.newBuilder().post(RequestBody.create(body.apply(index), JSON)).build();
                  try (Response response = http.newCall(post).execute()) {
                    if (!response.isSuccessful()) {
                      throw new IOException(
                          "POST "
                              + collection
                              + ": "
                              + response.code()
                              + " "
                              + response.body().string());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : created) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Replaces the CRD with the real one and waits until its status subresource is served. Not {@link
   * LocalKubeApiServer#replaceCrd}: that lists every served version, and listing kpack's v1alpha1
   * with objects stored needs the conversion webhook there is none of.
   */
  @SuppressWarnings("unchecked")
  private static void restoreStatusSubresource(ApiClient client, Map<String, Object> crd)
      throws Exception {
    CustomObjectsApi custom = new CustomObjectsApi(client);
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) crd.get("metadata"));
    String name = (String) metadata.get("name");
    Map<String, Object> current =
        (Map<String, Object>)
            custom.getClusterCustomObject(CRD_GROUP, "v1", CRD_PLURAL, name).execute();
    metadata.put(
        "resourceVersion", ((Map<String, Object>) current.get("metadata")).get("resourceVersion"));
    crd.put("metadata", metadata);
    custom.replaceClusterCustomObject(CRD_GROUP, "v1", CRD_PLURAL, name, crd).execute();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        custom
            .getNamespacedCustomObjectStatus("kpack.io", "v1alpha2", "default", "builds", "build-0")
            .execute();
        return;
      } catch (ApiException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
