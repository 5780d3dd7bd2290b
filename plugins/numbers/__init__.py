"""Counts with qualifiers (exact, approximate, at least, ranges, vague)."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


class NumbersPlugin(Plugin):
    name = "numbers"
    version = "0.1.0"
    requires = ('spacy',)
    provides = ('quantities',)
    normalizes = ('QUANTITY',)
    description = "Counts with qualifiers (exact, approximate, at least, ranges, vague)"

    def run(self, doc) -> None:  # noqa: ANN001
        # Placeholder until issue 4 builds this plugin: provides its layers, empty.
        for layer in self.provides:
            doc.add(layer, [])
