"""Temporal expressions resolved against the publication date and the narrative."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


class DatesPlugin(Plugin):
    name = "dates"
    version = "0.1.0"
    requires = ('spacy',)
    provides = ('times',)
    normalizes = ('DATE',)
    description = "Temporal expressions resolved against the publication date and the narrative"

    def run(self, doc) -> None:  # noqa: ANN001
        # Placeholder until issue 4 builds this plugin: provides its layers, empty.
        for layer in self.provides:
            doc.add(layer, [])
