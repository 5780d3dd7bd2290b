"""Plugin discovery and ordering.

Plugins are found through the entry-point group ``fieldreport.plugins`` (built-ins register the
same way a third-party package does), filtered by allow/deny lists, and ordered so that every plugin
runs after the plugins providing what it requires. Cycles and missing requirements stop start-up
with a message that names the plugins involved.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata as md
from collections.abc import Iterable, Sequence

from fieldreport.service.plugin import Plugin

GROUP = "fieldreport.plugins"
#: Layers the pipeline itself provides before any plugin runs.
BASE_LAYERS = frozenset({"spacy"})


class RegistryError(RuntimeError):
    """The configured plugins cannot form a pipeline."""


@dataclasses.dataclass(frozen=True)
class LoadedPlugin:
    plugin: Plugin
    distribution: str


def discover(allow: Sequence[str] = (), deny: Sequence[str] = ()) -> list[LoadedPlugin]:
    """Instantiate the plugins registered under the entry-point group, honouring allow/deny."""
    found: dict[str, LoadedPlugin] = {}
    for ep in md.entry_points(group=GROUP):
        if (allow and ep.name not in allow) or ep.name in deny:
            continue
        try:
            cls = ep.load()
        except Exception as exc:  # a broken third-party package must say which entry point failed
            raise RegistryError(f"plugin entry point {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        plugin = cls()
        if not plugin.name:
            raise RegistryError(f"plugin entry point {ep.name!r} ({ep.value}) declares no name")
        if plugin.name in found:
            raise RegistryError(f"two plugins are named {plugin.name!r}")
        dist = ep.dist.name if ep.dist is not None else ""
        found[plugin.name] = LoadedPlugin(plugin, dist)
    unknown = [name for name in allow if name not in found]
    if unknown:
        raise RegistryError(f"allowed plugins not installed: {', '.join(sorted(unknown))}")
    return list(found.values())


def order(plugins: Iterable[LoadedPlugin]) -> list[LoadedPlugin]:
    """Topological order by requires/provides; raise RegistryError on a missing layer or a cycle."""
    plugins = sorted(plugins, key=lambda p: p.plugin.name)  # deterministic among independents
    provider: dict[str, str] = {}
    for lp in plugins:
        for layer in lp.plugin.provides:
            if layer in provider or layer in BASE_LAYERS:
                raise RegistryError(
                    f"layer {layer!r} is provided by both {provider.get(layer, 'the pipeline')!r} "
                    f"and {lp.plugin.name!r}"
                )
            provider[layer] = lp.plugin.name
    deps: dict[str, set[str]] = {}
    for lp in plugins:
        needs = set()
        for layer in lp.plugin.requires:
            if layer in BASE_LAYERS:
                continue
            if layer not in provider:
                raise RegistryError(
                    f"plugin {lp.plugin.name!r} requires layer {layer!r}, which no loaded plugin provides"
                )
            needs.add(provider[layer])
        deps[lp.plugin.name] = needs
    by_name = {lp.plugin.name: lp for lp in plugins}
    ordered: list[LoadedPlugin] = []
    state: dict[str, int] = {}  # 1 = visiting, 2 = done

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = path[path.index(name):] + [name]
            raise RegistryError("plugin requirements form a cycle: " + " -> ".join(cycle))
        state[name] = 1
        for dep in sorted(deps[name]):
            visit(dep, path + [name])
        state[name] = 2
        ordered.append(by_name[name])

    for lp in plugins:
        visit(lp.plugin.name, [])
    return ordered


def closure(ordered: Sequence[LoadedPlugin], wanted: Iterable[str]) -> list[LoadedPlugin]:
    """The plugins ``wanted`` plus everything they need, in pipeline order. Unknown names raise KeyError."""
    by_name = {lp.plugin.name: lp for lp in ordered}
    provider = {layer: lp.plugin.name for lp in ordered for layer in lp.plugin.provides}
    keep: set[str] = set()
    stack = list(wanted)
    for name in stack:
        if name not in by_name:
            raise KeyError(name)
    while stack:
        name = stack.pop()
        if name in keep:
            continue
        keep.add(name)
        stack.extend(provider[layer] for layer in by_name[name].plugin.requires if layer in provider)
    return [lp for lp in ordered if lp.plugin.name in keep]
