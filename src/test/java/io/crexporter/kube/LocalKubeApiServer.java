package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.fail;

import io.crexporter.config.Yamls;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A real kube-apiserver (built by {@code hack/kube-apiserver/build.sh}) and etcd on free loopback
 * ports, with their state in a test's temporary directory, and the few writes tests need.
 */
final class LocalKubeApiServer implements AutoCloseable {

  static final Path CACHED_BINARY =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "CRE_KUBE_CACHE",
                  System.getProperty("user.home")
                      + "/.cache/custom-resource-exporter/kube-apiserver-1.20.2"),
          "kube-apiserver");

  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final String CRD_PLURAL = "customresourcedefinitions";

  private final Path dir;
  private final ApiServerProcesses processes;
  private final ApiClient client;

  private LocalKubeApiServer(
      Path dir, Map<String, String> users, String extraArgs, IntSupplier ports) throws Exception {
    this.dir = dir;
    List<String> tokens = new ArrayList<>();
    users.forEach((user, token) -> tokens.add(token + "," + user + "," + user + ",\"\""));
    this.processes = new ApiServerProcesses(dir, tokens, extraArgs, ports);
    client = Config.fromConfig(kubeconfig().toString());
  }

  /** Skips the calling test where no API server was built, and fails it on CI. */
  static void assumeAvailable() {
    boolean available =
        Files.isExecutable(CACHED_BINARY)
            && Files.exists(Path.of(CACHED_BINARY + ".recipe"))
            && Files.isExecutable(Path.of("/usr/bin/etcd"));
    String message = "no kube-apiserver at " + CACHED_BINARY + ": run hack/kube-apiserver/build.sh";
    if (!available && "true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.assumeTrue(available, message);
  }

  /**
   * Starts a server whose static token users are {@code users} (name to token), besides the admin
   * of {@link #kubeconfig()}.
   */
  static LocalKubeApiServer start(Path dir, Map<String, String> users) throws Exception {
    return start(dir, users, "");
  }

  /** Same, with extra kube-apiserver flags. */
  static LocalKubeApiServer start(Path dir, Map<String, String> users, String extraArgs)
      throws Exception {
    return start(dir, users, extraArgs, ApiServerProcesses::freePort);
  }

  /** Same, with the ports taken from {@code ports}: for the test of the retry on a taken port. */
  static LocalKubeApiServer start(
      Path dir, Map<String, String> users, String extraArgs, IntSupplier ports) throws Exception {
    assumeAvailable();
    Files.createDirectories(dir);
    return new LocalKubeApiServer(dir, users, extraArgs, ports);
  }

  Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  int port() {
    return processes.apiPort();
  }

  /** A copy of the admin kubeconfig that reaches the server through another port (a proxy). */
  Path kubeconfigThrough(int port) throws IOException {
    Path file = dir.resolve("kubeconfig-" + port);
    Files.writeString(
        file, Files.readString(kubeconfig()).replace("127.0.0.1:" + port(), "127.0.0.1:" + port));
    return file;
  }

  /** A kubeconfig for one of the users given at start. */
  Path kubeconfigFor(String user, String token) throws IOException {
    String admin = Files.readString(kubeconfig());
    String adminToken = Files.readString(dir.resolve("token")).trim();
    Path file = dir.resolve("kubeconfig-" + user);
    Files.writeString(file, admin.replace(adminToken, token));
    return file;
  }

  ApiClient client() {
    return client;
  }

  /** Installs CRDs from {@code src/test/resources/kube/crds} and waits until they are served. */
  void installCrd(String file) throws Exception {
    installCrd(manifest(Path.of("src/test/resources/kube/crds", file)));
  }

  /** Installs a CRD given as a manifest and waits until every version it serves is served. */
  void installCrd(Map<String, Object> crd) throws Exception {
    // sent as read: client-java's typed model would add empty schema fields 1.20 rejects
    new CustomObjectsApi(client)
        .createClusterCustomObject(CRD_GROUP, "v1", CRD_PLURAL, crd)
        .execute();
    awaitServed(crd);
  }

  /** Replaces an installed CRD with a new manifest and waits until it serves its versions. */
  @SuppressWarnings("unchecked")
  void replaceCrd(Map<String, Object> crd) throws Exception {
    CustomObjectsApi api = new CustomObjectsApi(client);
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) crd.get("metadata"));
    String name = (String) metadata.get("name");
    Map<String, Object> current =
        (Map<String, Object>)
            api.getClusterCustomObject(CRD_GROUP, "v1", CRD_PLURAL, name).execute();
    metadata.put(
        "resourceVersion", ((Map<String, Object>) current.get("metadata")).get("resourceVersion"));
    Map<String, Object> replacement = new LinkedHashMap<>(crd);
    replacement.put("metadata", metadata);
    api.replaceClusterCustomObject(CRD_GROUP, "v1", CRD_PLURAL, name, replacement).execute();
    awaitServed(crd);
  }

  @SuppressWarnings("unchecked")
  private void awaitServed(Map<String, Object> crd) throws Exception {
    Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
    String group = (String) spec.get("group");
    String plural = (String) ((Map<String, Object>) spec.get("names")).get("plural");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Object item : (List<Object>) spec.get("versions")) {
      Map<String, Object> version = (Map<String, Object>) item;
      if (Boolean.FALSE.equals(version.get("served"))) {
        continue;
      }
      while (true) {
        try {
          new CustomObjectsApi(client)
              .listClusterCustomObject(group, (String) version.get("name"), plural)
              .limit(1)
              .execute();
          break;
        } catch (ApiException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
    }
  }

  void deleteCrd(String name) throws ApiException {
    new ApiextensionsV1Api(client).deleteCustomResourceDefinition(name).execute();
  }

  /** Grants {@code user} the rules cluster-wide, by a ClusterRole and binding of its name. */
  void grant(String user, V1PolicyRule... rules) throws ApiException {
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(client);
    rbac.createClusterRole(
            new V1ClusterRole().metadata(new V1ObjectMeta().name(user)).rules(List.of(rules)))
        .execute();
    rbac.createClusterRoleBinding(
            new V1ClusterRoleBinding()
                .metadata(new V1ObjectMeta().name(user))
                .roleRef(
                    new V1RoleRef()
                        .apiGroup("rbac.authorization.k8s.io")
                        .kind("ClusterRole")
                        .name(user))
                .subjects(
                    List.of(
                        new RbacV1Subject()
                            .kind("User")
                            .apiGroup("rbac.authorization.k8s.io")
                            .name(user))))
        .execute();
  }

  void createNamespace(String name) throws ApiException {
    new CoreV1Api(client)
        .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(name)))
        .execute();
  }

  /** Reads a manifest file: one object. */
  static Map<String, Object> manifest(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return Yamls.create().load(reader);
    }
  }

  /**
   * Creates a namespaced custom object given as a manifest, then sets its status through the status
   * subresource; fields the server assigns (uid, resourceVersion...) are dropped first.
   */
  @SuppressWarnings("unchecked")
  void create(String plural, Map<String, Object> manifest) throws ApiException {
    Map<String, Object> object = new LinkedHashMap<>(manifest);
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) object.get("metadata"));
    List.of(
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "generation",
            "ownerReferences",
            "managedFields")
        .forEach(metadata::remove);
    object.put("metadata", metadata);
    Object status = object.remove("status");
    String[] apiVersion = ((String) object.get("apiVersion")).split("/");
    String namespace = (String) metadata.getOrDefault("namespace", "default");
    CustomObjectsApi api = new CustomObjectsApi(client);
    Map<String, Object> created =
        (Map<String, Object>)
            api.createNamespacedCustomObject(
                    apiVersion[0], apiVersion[1], namespace, plural, object)
                .execute();
    if (status != null) {
      created.put("status", status);
      api.replaceNamespacedCustomObjectStatus(
              apiVersion[0],
              apiVersion[1],
              namespace,
              plural,
              (String) metadata.get("name"),
              created)
          .execute();
    }
  }

  /** Creates many objects at once, from several threads, as {@link #create} does. */
  void createAll(String plural, List<Map<String, Object>> manifests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (Map<String, Object> manifest : manifests) {
        created.add(
            pool.submit(
                () -> {
                  create(plural, manifest);
                  return null;
                }));
      }
      for (Future<?> future : created) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Replaces the status of an existing object. */
  @SuppressWarnings("unchecked")
  void replaceStatus(
      String group, String version, String plural, String namespace, String name, Object status)
      throws ApiException {
    CustomObjectsApi api = new CustomObjectsApi(client);
    Map<String, Object> current =
        (Map<String, Object>)
            api.getNamespacedCustomObject(group, version, namespace, plural, name).execute();
    current.put("status", status);
    api.replaceNamespacedCustomObjectStatus(group, version, namespace, plural, name, current)
        .execute();
  }

  void delete(String group, String version, String plural, String namespace, String name)
      throws ApiException {
    new CustomObjectsApi(client)
        .deleteNamespacedCustomObject(group, version, namespace, plural, name)
        .execute();
  }

  /** Stops and starts the API server process; etcd and its data stay. */
  void restartApiServer() throws Exception {
    processes.restartApiServer();
  }

  @Override
  public void close() throws Exception {
    processes.stop();
  }
}
