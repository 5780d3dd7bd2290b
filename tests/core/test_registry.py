"""Plugin discovery and ordering: entry points, dependency order, cycles, missing layers, allow/deny."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from fieldreport.service import registry
from fieldreport.service.plugin import Plugin

FIXTURE = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "example-plugin"


def make(name, requires=(), provides=()):
    cls = type(f"P_{name}", (Plugin,), {"name": name, "requires": tuple(requires), "provides": tuple(provides),
                                         "run": lambda self, doc: None})
    return registry.LoadedPlugin(cls(), "tests")


def names(plugins):
    return [lp.plugin.name for lp in plugins]


def test_order_follows_requirements_not_names():
    plugins = [make("a_events", ["times", "places"], ["events"]), make("z_dates", ["spacy"], ["times"]),
               make("m_places", ["spacy"], ["places"])]
    assert names(registry.order(plugins)) == ["m_places", "z_dates", "a_events"]


def test_missing_requirement_is_refused_with_the_layer_named():
    with pytest.raises(registry.RegistryError, match=r"plugin 'events' requires layer 'times', which no loaded"):
        registry.order([make("events", ["times"], ["events"])])


def test_cycle_is_refused_with_the_cycle_spelled_out():
    with pytest.raises(registry.RegistryError, match=r"cycle: a -> b -> a"):
        registry.order([make("a", ["y"], ["x"]), make("b", ["x"], ["y"])])


def test_two_providers_of_one_layer_are_refused():
    with pytest.raises(registry.RegistryError, match=r"layer 'times' is provided by both 'a' and 'b'"):
        registry.order([make("a", [], ["times"]), make("b", [], ["times"])])


def test_closure_adds_what_a_wanted_plugin_needs():
    ordered = registry.order([make("dates", ["spacy"], ["times"]), make("places", ["spacy"], ["places"]),
                              make("events", ["times"], ["events"])])
    assert names(registry.closure(ordered, ["events"])) == ["dates", "events"]
    with pytest.raises(KeyError):
        registry.closure(ordered, ["nope"])


def test_builtins_are_discovered_through_the_entry_point_group():
    found = {lp.plugin.name: lp for lp in registry.discover()}
    assert {"dates", "numbers", "places", "actors", "attribution", "casualties", "events"} <= set(found)
    assert found["dates"].distribution == "fieldreport"
    ordered = names(registry.order(found.values()))
    assert ordered.index("casualties") > ordered.index("numbers")
    assert ordered.index("events") > ordered.index("casualties")


def test_allow_and_deny_lists():
    assert names(registry.discover(allow=["dates", "numbers"])) == ["dates", "numbers"] or \
        sorted(names(registry.discover(allow=["dates", "numbers"]))) == ["dates", "numbers"]
    assert "places" not in names(registry.discover(deny=["places"]))
    with pytest.raises(registry.RegistryError, match="allowed plugins not installed: nope"):
        registry.discover(allow=["dates", "nope"])


def test_denying_a_required_plugin_fails_at_start_up():
    with pytest.raises(registry.RegistryError, match="requires layer 'casualties'"):
        registry.order(registry.discover(deny=["casualties"]))


def test_plugin_from_a_separate_distribution_is_discovered_and_run(tmp_path):
    """Install a third-party plugin package (its own pyproject) and run it through the real pipeline."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(FIXTURE)], check=True)
    script = (
        "from fieldreport.service.pipeline import Pipeline, PipelineConfig\n"
        "from fieldreport.v1 import fieldreport_pb2 as pb\n"
        "p = Pipeline.create(PipelineConfig(allow=['shouting', 'dates']))\n"
        "info = {i.name: i for i in p.plugin_infos().plugins}\n"
        "print(info['shouting'].distribution, info['shouting'].version)\n"
        "r = p.extract(pb.Document(text='The NATO summit ended on Friday.', published='2020-01-10'))\n"
        "print([(w.code, w.plugin) for w in r.warnings])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    lines = [line for line in out.stdout.splitlines() if "pipeline_ready" not in line]
    assert lines[0] == "fieldreport-example-plugin 1.2.3"
    assert lines[1] == "[('SHOUTING', 'shouting')]"
