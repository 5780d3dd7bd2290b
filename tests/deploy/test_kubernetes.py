"""deploy/kubernetes: what the manifests must agree on with the server and the image, read as data.

The policy scanner (checkov) and the API schemas (kubernetes-validate) run in `make k8s-check`; these
tests check what neither knows: the grace periods, the probes' port, the selectors, the skips' reasons.
"""

from __future__ import annotations

import pathlib
import re

import pytest
import yaml

from fieldreport.service.config import ServerConfig

ROOT = pathlib.Path(__file__).resolve().parents[2]
FOLDER = ROOT / "deploy" / "kubernetes"


def _load() -> dict[str, dict]:
    resources = {}
    for path in sorted(FOLDER.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            resources[doc["kind"]] = doc
    return resources


RESOURCES = _load()
DEPLOYMENT = RESOURCES["Deployment"]
POD = DEPLOYMENT["spec"]["template"]
(CONTAINER,) = POD["spec"]["containers"]
ENV = {e["name"]: e["value"] for e in CONTAINER["env"]}


def test_every_resource_is_in_the_kustomization_and_its_namespace():
    kustomization = RESOURCES["Kustomization"]
    files = sorted(p.name for p in FOLDER.glob("*.yaml") if p.name != "kustomization.yaml")
    assert sorted(kustomization["resources"]) == files
    for kind in ("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy"):
        assert RESOURCES[kind]["metadata"]["namespace"] == RESOURCES["Namespace"]["metadata"]["name"]


def test_kubernetes_waits_longer_than_the_server_drains():
    grace = float(ENV.get("FIELDREPORT_GRACE", ServerConfig().grace))
    assert POD["spec"]["terminationGracePeriodSeconds"] > grace


def test_probes_are_grpc_health_checks_on_the_grpc_port():
    ports = {p["name"]: p["containerPort"] for p in CONTAINER["ports"]}
    assert ports == {"grpc": ServerConfig().port, "metrics": ServerConfig().metrics_port}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert CONTAINER[probe]["grpc"] == {"port": ports["grpc"]}, probe


def test_the_pod_runs_locked_down():
    pod, container = POD["spec"]["securityContext"], CONTAINER["securityContext"]
    assert (pod["runAsNonRoot"], pod["runAsUser"], pod["seccompProfile"]["type"]) == (True, 10001, "RuntimeDefault")
    assert container["readOnlyRootFilesystem"] is True
    assert container["allowPrivilegeEscalation"] is False
    assert container["capabilities"] == {"drop": ["ALL"]}
    assert POD["spec"]["automountServiceAccountToken"] is False
    # the one writable place is /tmp (HOME in the image)
    assert [m["mountPath"] for m in CONTAINER["volumeMounts"]] == ["/tmp"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "HOME=/tmp" in dockerfile and re.search(r"^USER 10001:10001$", dockerfile, re.M)


def _mib(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()
    return int(number) * (1024 if unit == "Gi" else 1)


def test_resources_follow_the_workers():
    """One core per worker; memory above the measured RSS (README: server ~120 MiB, worker ~190 MiB each,
    resource tracker ~11 MiB, measured by make image-test)."""
    workers = int(ENV["FIELDREPORT_WORKERS"])
    resources = CONTAINER["resources"]
    assert float(resources["requests"]["cpu"]) == workers
    measured = 120 + 190 * workers + 11
    assert measured < _mib(resources["requests"]["memory"]) < _mib(resources["limits"]["memory"])


def test_the_service_is_headless_for_round_robin_and_selects_the_pods():
    service = RESOURCES["Service"]
    assert service["spec"]["clusterIP"] == "None"
    labels = POD["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert {p["name"]: p["targetPort"] for p in service["spec"]["ports"]} == {"grpc": "grpc", "metrics": "metrics"}
    for kind in ("PodDisruptionBudget", "NetworkPolicy"):
        selector = RESOURCES[kind]["spec"].get("selector") or RESOURCES[kind]["spec"]["podSelector"]
        assert selector["matchLabels"].items() <= labels.items(), kind


def test_disruption_budget_and_autoscaler_leave_a_pod_serving():
    pdb, hpa = RESOURCES["PodDisruptionBudget"], RESOURCES["HorizontalPodAutoscaler"]
    assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"] <= DEPLOYMENT["spec"]["replicas"]
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": DEPLOYMENT["metadata"]["name"]}
    assert DEPLOYMENT["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_every_checkov_skip_says_why(kind):
    annotations = RESOURCES[kind].get("metadata", {}).get("annotations", {})
    for key, value in annotations.items():
        if key.startswith("checkov.io/skip"):
            check, _, reason = value.partition("=")
            assert re.fullmatch(r"CKV2?_K8S_\d+", check), value
            assert len(reason.split()) >= 8, f"{kind}: skip {check} without a reason"
