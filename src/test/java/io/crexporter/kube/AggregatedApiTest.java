package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiregistrationV1Api;
import io.kubernetes.client.openapi.apis.ApisApi;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.ApiregistrationV1ServiceReference;
import io.kubernetes.client.openapi.models.V1APIService;
import io.kubernetes.client.openapi.models.V1APIServiceCondition;
import io.kubernetes.client.openapi.models.V1APIServiceSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kind that an aggregated API server serves, not a CRD: Gadgets of gadgets.example.io/v1, served
 * by a fake aggregated server over HTTPS and registered with the real kube-apiserver by an
 * APIService. Its Service is an ExternalName to {@code localhost}, which the aggregator's default
 * (cluster IP) resolver turns into {@code https://localhost:<APIService port>}: Endpoints may not
 * hold loopback addresses, and {@code --enable-aggregator-routing} would pick the Endpoints
 * resolver, which refuses ExternalName. No other flag is needed: without a proxy client certificate
 * the aggregator still proxies, naming the user in X-Remote-User, and the fake trusts it. The
 * exporter finds the kind through the discovery documents and reads it through the aggregator's
 * proxy.
 */
class AggregatedApiTest {

  private static final Logger LOG = LoggerFactory.getLogger(AggregatedApiTest.class);
  private static final Path MAPPING = Path.of("src/test/resources/kube/mappings/gadgets.yaml");
  private static final String GROUP = "gadgets.example.io";
  private static final String API_SERVICE = "v1." + GROUP;
  private static final String SERVICE_NAMESPACE = "gadgets-system";
  private static final String SERVICE = "gadgets";
  private static final String UP = "custom_resource_exporter_resource_up{group=\"" + GROUP + "\",";
  private static final Duration AVAILABLE_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension final ApiServerPerTest server = new ApiServerPerTest();
  private LocalKubeApiServer api;

  @BeforeEach
  void useApiServer() {
    api = server.api();
  }

  @Test
  void gadgetsOfAnAggregatedApiAreReadAndFollowedThroughTheAggregator() throws Exception {
    try (FakeGadgetServer gadgets = new FakeGadgetServer()) {
      gadgets.put("team-a", "alpha", 3);
      gadgets.put("team-b", "beta", 5);
      register(gadgets.port());
      awaitAvailable(gadgets);

      try (RunningExporter exporter = new RunningExporter(MAPPING, api.kubeconfig())) {
        exporter.awaitReady("ready");
        assertEquals(200, exporter.status("/readyz", Duration.ofSeconds(10)));
        awaitSeries(
            exporter,
            "gadget_info{name=\"alpha\",namespace=\"team-a\"} 1.0",
            "gadget_info{name=\"beta\",namespace=\"team-b\"} 1.0",
            "gadget_spec_size{name=\"alpha\",namespace=\"team-a\"} 3.0",
            "gadget_spec_size{name=\"beta\",namespace=\"team-b\"} 5.0");
        exporter.awaitLine(UP + "kind=\"Gadget\",version=\"v1\"} 1.0");

        // the event must reach an open watch: one that opens later would never see it
        gadgets.awaitWatches(1);
        gadgets.modify("team-a", "alpha", 7);
        awaitSeries(
            exporter,
            "gadget_info{name=\"alpha\",namespace=\"team-a\"} 1.0",
            "gadget_info{name=\"beta\",namespace=\"team-b\"} 1.0",
            "gadget_spec_size{name=\"alpha\",namespace=\"team-a\"} 7.0",
            "gadget_spec_size{name=\"beta\",namespace=\"team-b\"} 5.0");
      }
      // the exporter's reads came through the aggregator (which names the user it proxies for),
      // all of the group's objects at once, and the change came by the watch, not by a new list
      List<FakeGadgetServer.Request> reads = gadgets.collectionRequests();
      assertEquals(1, reads.stream().filter(r -> !r.watch()).count(), reads.toString());
      assertTrue(reads.stream().anyMatch(FakeGadgetServer.Request::watch), reads.toString());
      for (FakeGadgetServer.Request read : reads) {
        assertEquals("/apis/gadgets.example.io/v1/gadgets", read.path(), reads.toString());
        assertEquals("admin", read.user(), reads.toString());
      }
    }
  }

  @Test
  void aKindWhoseAggregatedApiIsDownIsWaitedForAndReadOnceItIsUp() throws Exception {
    try (FakeGadgetServer gadgets = new FakeGadgetServer()) {
      gadgets.put("team-a", "alpha", 3);
      gadgets.down();
      register(gadgets.port());
      // the aggregator lists the group in /apis whether or not its server answers
      awaitDown(gadgets);

      try (RunningExporter exporter = new RunningExporter(MAPPING, api.kubeconfig())) {
        exporter.awaitLine(UP + "kind=\"Gadget\",version=\"\"} 0.0");
        exporter.awaitReady("ready with the kind waiting");
        assertTrue(exporter.lines("gadget_").isEmpty(), exporter.get("/metrics"));

        gadgets.up();
        // a change of its Service makes the aggregator check the APIService at once
        touchService();
        awaitAvailable(gadgets);
        // discovery is read again every 30 s while a kind waits
        exporter.await(
            Duration.ofSeconds(60),
            "the kind up at v1, not also down without a version, and its series",
            text ->
                text.contains("\n" + UP + "kind=\"Gadget\",version=\"v1\"} 1.0\n")
                    && !text.contains("\n" + UP + "kind=\"Gadget\",version=\"\"}")
                    && series(text)
                        .equals(
                            List.of(
                                "gadget_info{name=\"alpha\",namespace=\"team-a\"} 1.0",
                                "gadget_spec_size{name=\"alpha\",namespace=\"team-a\"} 3.0")));
        assertEquals(200, exporter.status("/readyz", Duration.ofSeconds(10)));
      }
    }
  }

  /** An ExternalName Service to localhost and an APIService of gadgets.example.io/v1 behind it. */
  private void register(int port) throws ApiException {
    api.createNamespace(SERVICE_NAMESPACE);
    new CoreV1Api(api.client())
        .createNamespacedService(
            SERVICE_NAMESPACE,
            new V1Service()
                .metadata(new V1ObjectMeta().name(SERVICE))
                .spec(new V1ServiceSpec().type("ExternalName").externalName("localhost")))
        .execute();
    new ApiregistrationV1Api(api.client())
        .createAPIService(
            new V1APIService()
                .metadata(new V1ObjectMeta().name(API_SERVICE))
                .spec(
                    new V1APIServiceSpec()
                        .group(GROUP)
                        .version("v1")
                        // the fake's certificate is self-signed
                        .insecureSkipTLSVerify(true)
                        .groupPriorityMinimum(1000)
                        .versionPriority(15)
                        .service(
                            new ApiregistrationV1ServiceReference()
                                .namespace(SERVICE_NAMESPACE)
                                .name(SERVICE)
                                .port(port))))
        .execute();
  }

  private void touchService() throws ApiException {
    CoreV1Api core = new CoreV1Api(api.client());
    V1Service service = core.readNamespacedService(SERVICE, SERVICE_NAMESPACE).execute();
    service.getMetadata().putAnnotationsItem("test/touched", Long.toString(System.nanoTime()));
    core.replaceNamespacedService(SERVICE, SERVICE_NAMESPACE, service).execute();
  }

  /**
   * Waits until the APIService is Available, /apis lists the group and the group's discovery
   * document comes through the aggregator: the aggregator's proxy follows the APIService a little
   * later than its status is written, and an exporter started in between would find the group
   * failing and look again only 30 s later.
   */
  private void awaitAvailable(FakeGadgetServer gadgets) throws Exception {
    awaitCondition(gadgets, "True");
    awaitGroupListed(gadgets);
    awaitDiscoveryStatus(gadgets, 200);
  }

  /**
   * Waits until the aggregator answers the group version as a registered APIService whose server is
   * down does ({@code 503}): before it has set up its proxy for a new APIService, the same request
   * falls through to the API server's own handlers and is a {@code 404}.
   */
  private void awaitDown(FakeGadgetServer gadgets) throws Exception {
    awaitCondition(gadgets, "False");
    awaitGroupListed(gadgets);
    awaitDiscoveryStatus(gadgets, 503);
  }

  private void awaitDiscoveryStatus(FakeGadgetServer gadgets, int code) throws Exception {
    CustomObjectsApi objects = new CustomObjectsApi(api.client());
    awaitTrue(
        gadgets,
        "HTTP " + code + " for " + GROUP + "/v1 through the aggregator",
        () -> {
          try {
            objects.getAPIResources(GROUP, "v1").execute();
            return code == 200;
          } catch (ApiException e) {
            return e.getCode() == code;
          }
        });
  }

  private void awaitCondition(FakeGadgetServer gadgets, String available) throws Exception {
    awaitTrue(
        gadgets,
        "APIService " + API_SERVICE + " Available=" + available,
        () -> available.equals(availability(api.client()).getStatus()));
  }

  private void awaitGroupListed(FakeGadgetServer gadgets) throws Exception {
    ApisApi apis = new ApisApi(api.client());
    awaitTrue(
        gadgets,
        "/apis listing " + GROUP,
        () -> {
          try {
            return apis.getAPIVersions().execute().getGroups().stream()
                .anyMatch(group -> group.getName().equals(GROUP));
          } catch (ApiException e) {
            return false;
          }
        });
  }

  /** The Available condition of the APIService, Unknown while it has none. */
  private static V1APIServiceCondition availability(ApiClient client) {
    try {
      V1APIService service = new ApiregistrationV1Api(client).readAPIService(API_SERVICE).execute();
      if (service.getStatus() != null && service.getStatus().getConditions() != null) {
        for (V1APIServiceCondition condition : service.getStatus().getConditions()) {
          if (condition.getType().equals("Available")) {
            return condition;
          }
        }
      }
    } catch (ApiException e) {
      return new V1APIServiceCondition().status("Unknown").message(e.getMessage());
    }
    return new V1APIServiceCondition().status("Unknown").message("no Available condition yet");
  }

  /** Fails with the APIService's condition and the fake's requests: why the aggregator gave up. */
  private void awaitTrue(FakeGadgetServer gadgets, String what, Supplier<Boolean> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + AVAILABLE_TIMEOUT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        V1APIServiceCondition available = availability(api.client());
        fail(
            "not seen within "
                + AVAILABLE_TIMEOUT
                + ": "
                + what
                + "\nAvailable="
                + available.getStatus()
                + ": "
                + available.getMessage()
                + "\nrequests to the aggregated server: "
                + gadgets.requests());
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the Gadget series are exactly {@code expected}. */
  private static void awaitSeries(RunningExporter exporter, String... expected) throws Exception {
    List<String> wanted = List.of(expected).stream().sorted().toList();
    exporter.await("exactly " + wanted, text -> series(text).equals(wanted));
  }

  private static List<String> series(String text) {
    return text.lines().filter(line -> line.startsWith("gadget_")).sorted().toList();
  }
}
