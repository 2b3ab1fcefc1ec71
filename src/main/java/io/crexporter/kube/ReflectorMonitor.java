package io.crexporter.kube;

/** What a {@link Reflector} reports besides objects: for self-metrics, logs and readiness. */
interface ReflectorMonitor {

  /** A full list completed; the objects now equal the server's. */
  void listed(ResourceTarget target);

  /** The server accepted a watch. */
  default void watchOpened(ResourceTarget target) {}

  /** A watch event of the given type arrived (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR). */
  void event(ResourceTarget target, String type);

  /** A list or watch failed; {@code operation} is "list" or "watch". */
  void failed(ResourceTarget target, String operation, KubeApiException error);

  ReflectorMonitor NONE =
      new ReflectorMonitor() {
        @Override
        public void listed(ResourceTarget target) {}

        @Override
        public void event(ResourceTarget target, String type) {}

        @Override
        public void failed(ResourceTarget target, String operation, KubeApiException error) {}
      };
}
