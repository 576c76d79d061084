package dev.conceptgraph;

import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs the Neo4j community engine in this JVM with Bolt on 127.0.0.1:PORT until stdin closes or
 * the process is signalled. Stdin closing is how the Node parent's death reaches us, so no
 * orphaned JVM outlives the process that started it.
 *
 * Usage: LocalNeo4j <homeDir> <boltPort> [pageCache] [heapTxMax] [txTimeoutSeconds]
 */
public final class LocalNeo4j {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LocalNeo4j <homeDir> <boltPort> [pageCache] [txMemoryMax] [txTimeoutSeconds]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String pageCache = args.length > 2 ? args[2] : "256m";
    String txMemoryMax = args.length > 3 ? args[3] : "512m";
    long txTimeoutSeconds = args.length > 4 ? Long.parseLong(args[4]) : 30;

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
        .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.parse(txMemoryMax))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
        // Nothing long-running is worth waiting for at shutdown: the loader's writes are atomic.
        .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
        .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
        .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
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
}
