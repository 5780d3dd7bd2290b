"""Who says each fact, with stance."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


class AttributionPlugin(Plugin):
    name = "attribution"
    version = "0.1.0"
    requires = ('spacy', 'actors')
    provides = ('sources', 'attribution')
    normalizes = ()
    description = "Who says each fact, with stance"

    def run(self, doc) -> None:  # noqa: ANN001
        # Placeholder until issue 4 builds this plugin: provides its layers, empty.
        for layer in self.provides:
            doc.add(layer, [])
