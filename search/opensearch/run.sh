#!/usr/bin/env bash
# A local OpenSearch node built from Maven Central jars (see pom.xml and LocalNode.java).
#   run.sh start   start it in the background, wait until it answers, print its URL
#   run.sh stop    stop the node started by `run.sh start` (process id in .opensearch/pid)
#   run.sh settings  print the node's settings beyond its ports (SETTING=VALUE lines), no start
# Everything it writes (classpath, classes, data, logs, pid) lives in .opensearch/ (gitignored).
#
# Without options: one node, clauses-local-1, single-node discovery, on 9200 (`make opensearch`).
# The environment can start other nodes, each with its own OPENSEARCH_HOME (data, logs, pid):
#   OPENSEARCH_PORT, OPENSEARCH_TRANSPORT_PORT   HTTP and transport ports (9200, 9300)
#   OPENSEARCH_CLUSTER_NAME, OPENSEARCH_NODE_NAME (clauses-local, clauses-local-1)
#   OPENSEARCH_SEED_HOSTS        transport addresses of the other nodes, e.g. 127.0.0.1:9302;
#                                set, the node joins or forms a cluster instead of staying alone
#   OPENSEARCH_INITIAL_MANAGERS  node names that vote in the first election (first start only)
#   OPENSEARCH_ROLES             e.g. "data,ingest" for a node that is not cluster-manager-eligible
#   OPENSEARCH_HEAP              heap size (512m)
# Two nodes on 9201/9202 forming one cluster:
#   OPENSEARCH_HOME=/tmp/n1 OPENSEARCH_PORT=9201 OPENSEARCH_TRANSPORT_PORT=9301 \
#   OPENSEARCH_CLUSTER_NAME=duo OPENSEARCH_NODE_NAME=n1 OPENSEARCH_SEED_HOSTS=127.0.0.1:9302 \
#   OPENSEARCH_INITIAL_MANAGERS=n1 run.sh start   (then n2 on 9202/9302, seed 127.0.0.1:9301)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${OPENSEARCH_HOME:-$root/.opensearch}
java_home=${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
http_port=${OPENSEARCH_PORT:-9200}
transport_port=${OPENSEARCH_TRANSPORT_PORT:-9300}
wait_seconds=${OPENSEARCH_WAIT_SECONDS:-180}
heap=${OPENSEARCH_HEAP:-512m}
cluster_name=${OPENSEARCH_CLUSTER_NAME:-clauses-local}
node_name=${OPENSEARCH_NODE_NAME:-clauses-local-1}
seed_hosts=${OPENSEARCH_SEED_HOSTS:-}
initial_managers=${OPENSEARCH_INITIAL_MANAGERS:-}
roles=${OPENSEARCH_ROLES:-}
url="http://127.0.0.1:$http_port"
pid_file="$state/pid"
log_file="$state/logs/opensearch.log"
source_file="$here/src/main/java/fr/clauses/opensearch/LocalNode.java"

# The recorded process, if it is still our node (a pid may have been reused since).
node_pid() {
    [ -f "$pid_file" ] || return 1
    local pid
    pid=$(cat "$pid_file")
    kill -0 "$pid" 2>/dev/null && grep -q "fr.clauses.opensearch.LocalNode" "/proc/$pid/cmdline" 2>/dev/null \
        && echo "$pid"
}

answers() {
    curl -fsS --max-time 5 "$url/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1
}

log_tail() {
    echo "--- dernières lignes de $log_file ---" >&2
    tail -n 40 "$log_file" >&2 2>/dev/null || true
}

# The node's settings beyond its ports, as SETTING=VALUE arguments of LocalNode.
node_settings() {
    echo "cluster.name=$cluster_name"
    echo "node.name=$node_name"
    if [ -n "$seed_hosts" ]; then
        echo "discovery.seed_hosts=$seed_hosts"
        [ -z "$initial_managers" ] || echo "cluster.initial_cluster_manager_nodes=$initial_managers"
    fi
    [ -z "$roles" ] || echo "node.roles=$roles"
}

# Maven resolves the jars once (into ~/.m2); later starts read the cached classpath offline.
build() {
    mkdir -p "$state/config" "$state/logs" "$state/data" "$state/tmp" "$state/classes"
    if [ ! -s "$state/classpath.txt" ] || [ "$here/pom.xml" -nt "$state/classpath.txt" ]; then
        echo "Résolution des jars OpenSearch par Maven (téléchargés au premier lancement)…"
        if ! (cd "$here" && mvn -B -q dependency:build-classpath \
            -Dmdep.outputFile="$state/classpath.txt.new" >"$state/logs/maven.log" 2>&1); then
            echo "ERREUR : Maven n'a pas pu résoudre les jars OpenSearch." >&2
            tail -n 30 "$state/logs/maven.log" >&2
            exit 1
        fi
        mv "$state/classpath.txt.new" "$state/classpath.txt"
    fi
    local class_file="$state/classes/fr/clauses/opensearch/LocalNode.class"
    if [ ! -f "$class_file" ] || [ "$source_file" -nt "$class_file" ] \
        || [ "$state/classpath.txt" -nt "$class_file" ]; then
        "$java_home/bin/javac" -nowarn -cp "$(cat "$state/classpath.txt")" -d "$state/classes" "$source_file"
    fi
    cp "$here/log4j2.properties" "$state/config/log4j2.properties"
}

start() {
    if pid=$(node_pid) && answers; then
        echo "OpenSearch tourne déjà (pid $pid) : $url"
        return 0
    fi
    if answers; then
        echo "ERREUR : un autre moteur répond déjà sur $url (pas celui de $state)." >&2
        exit 1
    fi
    if [ ! -x "$java_home/bin/java" ]; then
        echo "ERREUR : Java 17 introuvable dans $java_home (OPENSEARCH_JAVA_HOME)." >&2
        exit 1
    fi
    build
    local settings
    mapfile -t settings < <(node_settings)
    local started
    started=$(date +%s)
    nohup "$java_home/bin/java" "-Xms$heap" "-Xmx$heap" -XX:+UseG1GC -Dfile.encoding=UTF-8 \
        -Djava.io.tmpdir="$state/tmp" -Djava.awt.headless=true -Dlog4j2.disable.jmx=true \
        -cp "$state/classes:$(cat "$state/classpath.txt")" \
        fr.clauses.opensearch.LocalNode "$state" "$http_port" "$transport_port" "${settings[@]}" \
        >"$log_file" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$pid_file"
    echo "Démarrage d'OpenSearch, nœud $node_name de $cluster_name (pid $pid, journal : $log_file)…"
    while [ $(( $(date +%s) - started )) -lt "$wait_seconds" ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$pid_file"
            echo "ERREUR : le nœud OpenSearch s'est arrêté pendant son démarrage." >&2
            log_tail
            exit 1
        fi
        if answers; then
            echo "OpenSearch prêt en $(( $(date +%s) - started )) s : $url"
            echo "Pour l'utiliser : OPENSEARCH_URL=$url make run"
            return 0
        fi
        sleep 2
    done
    echo "ERREUR : OpenSearch ne répond pas après $wait_seconds s ; arrêt du nœud." >&2
    log_tail
    stop >/dev/null
    exit 1
}

stop() {
    local pid
    if ! pid=$(node_pid); then
        rm -f "$pid_file"
        echo "Aucun nœud OpenSearch lancé par $state."
        return 0
    fi
    kill "$pid"
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$pid_file"
    echo "OpenSearch arrêté (pid $pid)."
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    settings) node_settings ;;
    *) echo "usage : $0 start|stop|settings" >&2; exit 2 ;;
esac
