"""Coded data the classifier tests write themselves: an NGO's own taxonomy (cattle raids, market protests)
beside "no event", in sentences written for these tests (a module of its own, so that any test folder
imports it: see tests/bulk/bulkutil.py)."""

from __future__ import annotations

import csv
import json

RAIDS = [
    "Armed raiders attacked herders near the village of Gidan Kara on Monday and stole 40 cattle.",
    "Gunmen attacked a herding camp outside Tsafe on Tuesday and drove away 120 cows.",
    "Bandits attacked Fulani herders near Maru on Wednesday and made off with their cattle.",
    "Raiders attacked a cattle market near Gusau on Thursday and stole more than 60 cows.",
    "Armed men attacked herdsmen grazing near Bakura on Friday and rustled 35 cattle.",
    "Cattle rustlers attacked a ranch near Anka on Saturday and stole 80 cows from its herders.",
]
MARKETS = [
    "Traders protested in the central market of Kano on Monday against a new stall tax.",
    "Market women protested outside the city council in Ibadan on Tuesday over the tax on stalls.",
    "Hundreds of traders protested at the Onitsha market on Wednesday against the closure of their shops.",
    "Stall owners protested in the Wuse market on Thursday, demanding lower levies from the council.",
    "Traders protested in front of the Kaduna market on Friday over the demolition of their stalls.",
    "Shopkeepers protested at the Aba market on Saturday against new fees for stalls.",
]
NOTHING = [
    "The football club won the league title on Sunday after a late goal in the final match.",
    "The central bank kept its interest rate unchanged on Monday, citing slowing inflation.",
    "A new bridge over the river opened to traffic on Tuesday, cutting the journey to the city by an hour.",
    "The university announced on Wednesday that its new library will open next spring.",
    "Farmers expect a good harvest this year after heavy rains in the growing season.",
    "The orchestra performed a sold-out concert at the national theatre on Friday evening.",
]
# The NGO's labels as its coders write them (read as they are, stored as the contract writes types).
RAID, MARKET = ("Cattle raid", "Theft of livestock"), ("Market protest", "Traders")


def rows() -> list[dict]:
    out = [{"notes": t, "event_type": RAID[0], "sub_event_type": RAID[1]} for t in RAIDS]
    out += [{"notes": t, "event_type": MARKET[0], "sub_event_type": MARKET[1]} for t in MARKETS]
    out += [{"notes": t, "event_type": "none", "sub_event_type": ""} for t in NOTHING]
    return out


def write_csv(path, records: list[dict], columns=("event_id_cnty", "event_date", "event_type",  # noqa: ANN001
                                                     "sub_event_type", "notes")) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for i, row in enumerate(records):
            writer.writerow({"event_id_cnty": f"NGO{i}", "event_date": "2024-03-04", **row})


def write_jsonl(path, records: list[dict]) -> None:  # noqa: ANN001
    with open(path, "w", encoding="utf-8") as handle:
        for row in records:
            handle.write(json.dumps({"text": row["notes"], "published": "2024-03-05", "event_type": row["event_type"],
                                     "sub_event_type": row["sub_event_type"]}) + "\n")


