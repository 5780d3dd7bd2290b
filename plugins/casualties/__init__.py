"""Killed, injured, captured, missing, arrested: counts, groups, sources."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


class CasualtiesPlugin(Plugin):
    name = "casualties"
    version = "0.1.0"
    requires = ('quantities', 'actors', 'attribution')
    provides = ('casualties',)
    normalizes = ()
    description = "Killed, injured, captured, missing, arrested: counts, groups, sources"

    def run(self, doc) -> None:  # noqa: ANN001
        # Placeholder until issue 4 builds this plugin: provides its layers, empty.
        for layer in self.provides:
            doc.add(layer, [])
