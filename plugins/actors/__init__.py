"""Actors with canonical names, ACLED actor types and countries."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


class ActorsPlugin(Plugin):
    name = "actors"
    version = "0.1.0"
    requires = ('spacy',)
    provides = ('actors',)
    normalizes = ('ACTOR',)
    description = "Actors with canonical names, ACLED actor types and countries"

    def run(self, doc) -> None:  # noqa: ANN001
        # Placeholder until issue 4 builds this plugin: provides its layers, empty.
        for layer in self.provides:
            doc.add(layer, [])
