package dev.conceptgraph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;

/**
 * Runs the Neo4j community engine in this JVM with Bolt on 127.0.0.1:PORT until stdin closes or
 * the process is signalled. Stdin closing is how the Node parent's death reaches us, so no
 * orphaned JVM outlives the process that started it.
 *
 * Usage: LocalNeo4j <homeDir> <boltPort> [pageCache] [txMemoryMax] [txTimeoutSeconds]
 *        [--setting name=value]...
 *
 * Each --setting is a raw neo4j.conf entry, read the way the server reads neo4j.conf, under strict
 * validation: a name Neo4j does not declare, or a value it cannot parse, stops the start-up with
 * Neo4j's own message. That is what lets a test check the settings a docker-compose file gives the
 * official image. They override the launcher's defaults (page cache, transaction limits), never its
 * loopback-only Bolt connector, disabled auth or strict validation.
 */
public final class LocalNeo4j {
  private static final String USAGE =
      "usage: LocalNeo4j <homeDir> <boltPort> [pageCache] [txMemoryMax] [txTimeoutSeconds] [--setting name=value]...";

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--setting")) {
        if (i + 1 >= args.length) fail("--setting needs a name=value argument");
        String pair = args[++i];
        int eq = pair.indexOf('=');
        if (eq <= 0) fail("--setting expects name=value, got: " + pair);
        settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      } else if (args[i].startsWith("--")) {
        fail("unknown option " + args[i]);
      } else {
        positional.add(args[i]);
      }
    }
    if (positional.size() < 2) fail(null);
    Path home = Path.of(positional.get(0)).toAbsolutePath();
    int port = Integer.parseInt(positional.get(1));
    String pageCache = positional.size() > 2 ? positional.get(2) : "256m";
    String txMemoryMax = positional.size() > 3 ? positional.get(3) : "512m";
    long txTimeoutSeconds = positional.size() > 4 ? Long.parseLong(positional.get(4)) : 30;

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
        .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.parse(txMemoryMax))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
        // Nothing long-running is worth waiting for at shutdown: the loader's writes are atomic.
        .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
        .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
        .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
        .setConfig(validated(settings))
        // Last, so that no --setting can change them: loopback only, no auth, strict validation.
        .setConfig(GraphDatabaseSettings.strict_config_validation, true)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .build();

    Runnable stop = () -> {
      try {
        long started = System.nanoTime();
        dbms.shutdown();
        System.out.println("neo4j-local: shut down in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      } catch (RuntimeException e) {
        System.err.println("neo4j-local: shutdown failed: " + e.getMessage());
      }
    };
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-local-shutdown"));

    System.out.println("neo4j-local: ready bolt://127.0.0.1:" + port);
    System.out.flush();

    // Block until the parent closes our stdin (normal stop or parent death), then exit.
    while (System.in.read() != -1) {
      // ignore input
    }
    System.out.println("neo4j-local: stdin closed, shutting down");
    System.exit(0);
  }

  /**
   * Reads raw settings the way the server reads neo4j.conf, under strict validation (an unknown
   * name or a value that does not parse throws Neo4j's own message), and returns them typed.
   */
  private static Map<Setting<?>, Object> validated(Map<String, String> raw) {
    Map<String, String> strict = new LinkedHashMap<>(raw);
    // A raw entry would win over a typed set(): strictness is forced in the raw map itself.
    strict.put(GraphDatabaseSettings.strict_config_validation.name(), "true");
    Config config = Config.newBuilder().setRaw(strict).build();
    Map<String, Setting<Object>> declared = config.getDeclaredSettings();
    Map<Setting<?>, Object> typed = new LinkedHashMap<>();
    for (String name : raw.keySet()) {
      Setting<Object> setting = declared.get(name);
      // A name strict validation let through but that declares nothing (a migrated alias): skip it.
      if (setting != null) typed.put(setting, config.get(setting));
    }
    return typed;
  }

  private static void fail(String message) {
    if (message != null) System.err.println("neo4j-local: " + message);
    System.err.println(USAGE);
    System.exit(2);
  }
}
