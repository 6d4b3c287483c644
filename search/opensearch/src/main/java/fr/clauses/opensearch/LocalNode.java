package fr.clauses.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node for development and CI, started from the jars Maven fetched: no
 * distribution to download. The modules a packaged server loads from its modules/ folder are
 * given here as classpath plugins: Netty (HTTP and transport) and analysis-common (elision,
 * asciifolding, French stop words and stemmer, which the site's French analyser uses).
 *
 * Usage: LocalNode HOME_DIR [HTTP_PORT [TRANSPORT_PORT [SETTING=VALUE ...]]]
 *
 * The SETTING=VALUE pairs override the defaults below: run.sh passes the cluster name, node name,
 * seed hosts, initial cluster manager nodes and roles that let two local nodes form a cluster.
 * Given seed hosts, the node leaves single-node discovery.
 */
public final class LocalNode {

    private static final List<Class<? extends Plugin>> MODULES = List.of(
        Netty4Plugin.class,
        CommonAnalysisPlugin.class
    );

    /** The protected constructor is the one that takes plugins found on the classpath. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private LocalNode() {}

    static Settings settings(Path home, String httpPort, String transportPort, List<String> extra) {
        Settings.Builder builder = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "clauses-local")
            .put("node.name", "clauses-local-1")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            // A developer's disk is often fuller than a server's: never refuse to allocate.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true);
        for (String pair : extra) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("expected SETTING=VALUE, got: " + pair);
            }
            String key = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            if (key.endsWith("seed_hosts") || key.endsWith("initial_cluster_manager_nodes")
                    || key.equals("node.roles")) {
                builder.putList(key, value.isEmpty() ? List.of() : List.of(value.split(",")));
            } else {
                builder.put(key, value);
            }
        }
        if (builder.keys().contains("discovery.seed_hosts")) {
            builder.remove("discovery.type");
        }
        return builder.build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println(
                "usage: LocalNode HOME_DIR [HTTP_PORT [TRANSPORT_PORT [SETTING=VALUE ...]]]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Settings settings = settings(
            home,
            args.length > 1 ? args[1] : "9200",
            args.length > 2 ? args[2] : "9300",
            args.length > 3 ? List.of(args).subList(3, args.length) : List.of());
        String nodeName = Node.NODE_NAME_SETTING.get(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), home.resolve("config"), () -> nodeName);
        // HOME_DIR/config/log4j2.properties (copied there by run.sh) logs to standard output,
        // which run.sh sends to the log file.
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.configure(environment);
        Node node = new ClasspathNode(environment, MODULES);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        stopped.await();
    }
}
