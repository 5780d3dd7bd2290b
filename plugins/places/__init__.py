"""Toponyms resolved against the embedded GeoNames gazetteer."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


class PlacesPlugin(Plugin):
    name = "places"
    version = "0.1.0"
    requires = ('spacy',)
    provides = ('places',)
    normalizes = ('LOCATION',)
    description = "Toponyms resolved against the embedded GeoNames gazetteer"

    def run(self, doc) -> None:  # noqa: ANN001
        # Placeholder until issue 4 builds this plugin: provides its layers, empty.
        for layer in self.provides:
            doc.add(layer, [])
