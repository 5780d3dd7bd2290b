"""Readable tables of responses for the terminal (`extract --pretty`, `compare`)."""

from __future__ import annotations

from fieldreport.v1 import fieldreport_pb2 as pb

_Q = pb.Count.Qualifier


def count_text(count: pb.Count) -> str:
    q = _Q.Name(count.qualifier)
    if q == "UNKNOWN" or not (count.HasField("value") or count.HasField("low")):
        return "unknown"
    if q == "AT_LEAST":
        return f"≥{count.low if count.HasField('low') else count.value}"
    if q == "AT_MOST":
        return f"≤{count.high if count.HasField('high') else count.value}"
    if q == "RANGE":
        return f"{count.low}–{count.high}"
    if q in ("APPROXIMATE", "VAGUE"):
        return f"~{count.value}"
    return str(count.value)


def place_text(place: pb.Place) -> str:
    if not place.name and not place.text:
        return "-"
    bits = [place.name or place.text]
    if place.admin1 and place.admin1 != place.name:
        bits.append(place.admin1)
    if place.country_code:
        bits.append(place.country_code)
    where = ", ".join(bits)
    if place.latitude or place.longitude:
        where += f" ({place.latitude:.2f}, {place.longitude:.2f})"
    if place.precision and place.precision != "exact":
        where += f" [{place.precision}]"
    return where


def when_text(when: pb.TimeValue) -> str:
    if not when.value:
        return "-"
    return when.value + (" (inferred)" if when.inferred else "")


def extract_table(resp: pb.ExtractResponse) -> str:
    d = resp.document
    lines = [f"document {d.id or '-'}  published {d.published or '?'}  source {d.source or '?'}",
             f"{len(resp.events)} events; mentions: {len(resp.mentions.times)} times, {len(resp.mentions.places)} "
             f"places, {len(resp.mentions.actors)} actors, {len(resp.mentions.quantities)} quantities, "
             f"{len(resp.mentions.sources)} sources", ""]
    for ev in resp.events:
        modality = pb.Modality.Name(ev.modality) if ev.modality else ""
        lines.append(f"[{ev.id}] {ev.event_type}/{ev.sub_event_type}  {when_text(ev.when)}  "
                     f"{place_text(ev.where)}  {modality}  conf {ev.confidence:.2f}")
        if ev.trigger.text:
            lines.append(f"    trigger: {ev.trigger.text}")
        for a in ev.actors:
            lines.append(f"    {pb.Actor.Role.Name(a.role):<11} {a.name or a.text}"
                         f"{' (' + a.actor_type + ')' if a.actor_type else ''}{' ' + a.country if a.country else ''}")
        for c in ev.casualties:
            src = c.source.name or c.source.text or "-"
            stance = pb.Modality.Name(c.source.stance) if c.source.stance else ""
            lines.append(f"    {pb.Casualty.Kind.Name(c.kind):<11} {count_text(c.count):>8} "
                         f"{_Q.Name(c.count.qualifier):<11} {c.group or '-'}  <- {src} {stance}")
        if ev.instruments:
            lines.append("    instruments: " + ", ".join(s.text for s in ev.instruments))
        lines.append("")
    for w in resp.warnings:
        lines.append(f"warning {w.code}: {w.message}")
    return "\n".join(lines).rstrip() + "\n"


def compare_table(resp: pb.CompareResponse) -> str:
    lines = [f"{len(resp.incidents)} incidents"]
    for inc in resp.incidents:
        members = ", ".join(f"{m.document_id}/{m.event_id}" for m in inc.members)
        lines.append("")
        lines.append(f"incident {inc.id}: {inc.event_type}/{inc.sub_event_type}  {when_text(inc.when)}  "
                     f"{place_text(inc.where)}")
        lines.append(f"  reports: {members}")
        for est in inc.estimates:
            rng = f"best {est.best if est.HasField('best') else '?'}  low {est.low if est.HasField('low') else '?'}  " \
                  f"high {est.high if est.HasField('high') else '?'}"
            if est.HasField("conservative"):
                rng += f"  conservative {est.conservative}"
            lines.append(f"  {pb.Casualty.Kind.Name(est.kind):<9} {est.group or '-':<28} {rng}")
            for r in est.reports:
                lines.append(f"      {r.document_id:<16} {count_text(r.count):>7}  {r.source.name or r.source.text or '-'}"
                             f"{' (' + pb.Modality.Name(r.source.stance) + ')' if r.source.stance else ''}")
        for disc in inc.discrepancies:
            # when/where values carry the date or place as the count's text; figures carry a count.
            figure = disc.field.startswith("casualties.")
            values = "; ".join(f"{count_text(v.count) if figure else v.count.text or '-'} "
                               f"({v.source.name or v.document_id}{', ' + v.published if v.published else ''})"
                               for v in disc.values)
            lines.append(f"  {pb.Discrepancy.Status.Name(disc.status)} {disc.field}: {values}")
    return "\n".join(lines) + "\n"
