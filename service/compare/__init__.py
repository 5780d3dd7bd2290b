"""Compare: are these reports one incident, and where do their figures disagree? (DESIGN.md section 3)

``compare(request, extract)`` is the entry point the servicer and the CLI call. One concern per module:
``records`` (what is known of each event), ``text`` (TF-IDF words), ``features`` (evidence per pair),
``scoring`` (calibrated probability, weights in ``weights``, fitted by ``fit``), ``blocking`` (which pairs
to score), ``clustering`` (pairs → incidents), ``groups`` and ``reconcile`` (figures per kind and group),
``incidents`` (the Incident message), ``validation`` (bad requests).
"""

from fieldreport.service.compare.api import compare

__all__ = ["compare"]
