"""search/opensearch/run.sh: the settings it gives the node, read without starting one.

`make opensearch` must stay one node alone; the environment lets bench/faults.py start two
nodes that find each other (seed hosts, the node that votes first, a data-only node)."""

import os
import subprocess
from pathlib import Path

RUN_SH = Path(__file__).resolve().parents[1] / "search" / "opensearch" / "run.sh"
LAUNCHER_VARIABLES = (
    "OPENSEARCH_CLUSTER_NAME",
    "OPENSEARCH_NODE_NAME",
    "OPENSEARCH_SEED_HOSTS",
    "OPENSEARCH_INITIAL_MANAGERS",
    "OPENSEARCH_ROLES",
)


def node_settings(**variables):
    env = {key: value for key, value in os.environ.items() if key not in LAUNCHER_VARIABLES}
    result = subprocess.run(
        [str(RUN_SH), "settings"], env=env | variables, capture_output=True, text=True, check=True
    )
    return dict(line.split("=", 1) for line in result.stdout.splitlines())


def test_without_options_the_node_stays_alone():
    assert node_settings() == {"cluster.name": "clauses-local", "node.name": "clauses-local-1"}


def test_a_cluster_manager_node_seeds_the_other_and_votes_first():
    settings = node_settings(
        OPENSEARCH_CLUSTER_NAME="duo",
        OPENSEARCH_NODE_NAME="n1",
        OPENSEARCH_SEED_HOSTS="127.0.0.1:9302",
        OPENSEARCH_INITIAL_MANAGERS="n1",
    )
    assert settings == {
        "cluster.name": "duo",
        "node.name": "n1",
        "discovery.seed_hosts": "127.0.0.1:9302",
        "cluster.initial_cluster_manager_nodes": "n1",
    }


def test_a_data_node_joins_without_voting():
    settings = node_settings(
        OPENSEARCH_NODE_NAME="n2", OPENSEARCH_SEED_HOSTS="127.0.0.1:9301", OPENSEARCH_ROLES="data"
    )
    assert settings["node.roles"] == "data"
    assert settings["discovery.seed_hosts"] == "127.0.0.1:9301"
    assert "cluster.initial_cluster_manager_nodes" not in settings


def test_initial_managers_without_seed_hosts_are_ignored():
    # A lone node must not wait for an election: single-node discovery stays on.
    settings = node_settings(OPENSEARCH_INITIAL_MANAGERS="n1")
    assert "cluster.initial_cluster_manager_nodes" not in settings
    assert "discovery.seed_hosts" not in settings
