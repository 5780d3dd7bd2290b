"""Pair scores → incidents, consistent under transitivity.

Average-linkage agglomeration: two clusters merge while the mean same-incident probability over all
their cross pairs reaches the threshold (a pair that blocking did not propose counts as 0). Unlike the
transitive closure of "pairs above threshold", one strong link cannot chain two different incidents
together through a look-alike; and every event ends in exactly one cluster, so "same incident" is an
equivalence relation.

Main events first: each report's main event (its headline incident) is clustered with the other
reports' main events, where the whole report's words speak for it; then the other events (background
incidents a report mentions) join those clusters or each other, but two clusters that each hold a main
event are not merged in that second pass.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable


def average_linkage(n: int, scores: dict[tuple[int, int], float], threshold: float,
                    clusters: list[list[int]] | None = None,
                    may_merge: Callable[[list[int], list[int]], bool] = lambda a, b: True) -> list[list[int]]:
    """Clusters of 0..n-1 (each sorted), starting from ``clusters`` (default: singletons)."""
    clusters = [sorted(c) for c in (clusters or [[i] for i in range(n)])]
    owner = {}
    for c, members in enumerate(clusters):
        for i in members:
            owner[i] = c
    alive: dict[int, list[int]] = dict(enumerate(clusters))
    # Sum of scores between two clusters over the scored pairs.
    links: dict[int, dict[int, float]] = {c: {} for c in alive}
    for (i, j), s in scores.items():
        ci, cj = owner[i], owner[j]
        if ci != cj and s > 0:
            links[ci][cj] = links[ci].get(cj, 0.0) + s
            links[cj][ci] = links[cj].get(ci, 0.0) + s
    version = {c: 0 for c in alive}
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        mean = links[a][b] / (len(alive[a]) * len(alive[b]))
        if mean >= threshold:
            lo, hi = min(a, b), max(a, b)
            heapq.heappush(heap, (-mean, lo, hi, version[lo], version[hi]))

    for a in links:
        for b in links[a]:
            if a < b:
                push(a, b)
    next_id = len(clusters)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in alive or b not in alive or version[a] != va or version[b] != vb:
            continue  # stale entry: one side has changed since
        if not may_merge(alive[a], alive[b]):
            continue
        merged = sorted(alive.pop(a) + alive.pop(b))
        la, lb = links.pop(a), links.pop(b)
        c = next_id
        next_id += 1
        alive[c] = merged
        version[c] = 0
        combined: dict[int, float] = {}
        for other, s in list(la.items()) + list(lb.items()):
            if other in (a, b):
                continue
            combined[other] = combined.get(other, 0.0) + s
            links[other].pop(a, None)
            links[other].pop(b, None)
        links[c] = combined
        for other, s in combined.items():
            links[other][c] = s
            version[other] += 1
        for other in combined:
            # Re-offer the other's surviving links, whose entries just went stale.
            for third in links[other]:
                push(other, third)
    return sorted(alive.values())


def cluster(n: int, scores: dict[tuple[int, int], float], threshold: float, anchors: set[int]) -> list[list[int]]:
    """Main events first, then every event, never merging two clusters that both hold a main event."""
    anchor_scores = {p: s for p, s in scores.items() if p[0] in anchors and p[1] in anchors}
    first = average_linkage(n, anchor_scores, threshold)
    # average_linkage(n, ...) returned singletons for the non-anchors too: the second pass starts there.

    def may_merge(a: list[int], b: list[int]) -> bool:
        return not (any(i in anchors for i in a) and any(i in anchors for i in b))

    return average_linkage(n, scores, threshold, first, may_merge)
