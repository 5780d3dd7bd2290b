"""Events typed with ACLED's taxonomy, with date, place, actors, figures and modality."""

from __future__ import annotations

from fieldreport.service.plugin import Plugin


class EventsPlugin(Plugin):
    name = "events"
    version = "0.1.0"
    requires = ('times', 'places', 'actors', 'casualties', 'attribution')
    provides = ('events',)
    normalizes = ()
    description = "Events typed with ACLED's taxonomy, with date, place, actors, figures and modality"

    def run(self, doc) -> None:  # noqa: ANN001
        # Placeholder until issue 4 builds this plugin: provides its layers, empty.
        for layer in self.provides:
            doc.add(layer, [])
