"""Seconds per plugin on pathological documents (hostile shapes), at 1x, 4x and 16x their base size.

    .venv/bin/python bench/bench_pathological.py [--cap 30] [--shapes killed,numbers] [--scales 1,4,16]

Each plugin's run is stopped after ``--cap`` seconds (SIGALRM) and shown as ``>cap``. The default work
budget (README "Limits") is in force, as in the server; ``--unlimited`` lifts it (no sentence cap
either). The numbers measured before and after the linear-work change are in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import time

from fieldreport.service.document import AnnotatedDocument, WorkBudget
from fieldreport.service.pipeline import Pipeline, PipelineConfig

# Each shape is one repeated unit; the base size is the number of units at 1x.
SHAPES = {
    "killed": ("killed ", 1000),
    "numbers": ("1234567 89 ", 700),
    "emoji": ("\U0001F600", 3000),
    "names": ("John Smith, Mary Jones, ", 300),
    "dates": ("May 5, 2018, ", 500),
    "places": ("Kabul, Kandahar, Herat, ", 300),
    "one_sentence": ("the militants attacked the village and killed the farmers and ", 100),
    "sentences": ("Gunmen killed 3 people in Kabul on Monday, police said. ", 100),
    "who_said": ("said the police chief who said that ", 150),
}


class Cap(Exception):
    pass


def _alarm(signum, frame):  # noqa: ANN001
    raise Cap()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=30.0)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--unlimited", action="store_true", help="lift the work budget")
    args = parser.parse_args()
    pipeline = Pipeline.create(PipelineConfig(budget=WorkBudget.unlimited() if args.unlimited else WorkBudget()))
    signal.signal(signal.SIGALRM, _alarm)
    names = [lp.plugin.name for lp in pipeline.plugins]
    print(f"{'shape':<13}{'x':>3}{'chars':>8} {'spacy':>7} " + " ".join(f"{n[:11]:>11}" for n in names), flush=True)
    for shape in args.shapes.split(","):
        unit, base = SHAPES[shape]
        for scale in (int(s) for s in args.scales.split(",")):
            text = unit * (base * scale)
            doc = AnnotatedDocument(text=text, published=dt.date(2018, 5, 27), budget=pipeline.config.budget)
            t0 = time.perf_counter()
            doc.spacy = pipeline.nlp(text)
            spacy_s = time.perf_counter() - t0
            cells = []
            for lp in pipeline.plugins:
                t0 = time.perf_counter()
                signal.setitimer(signal.ITIMER_REAL, args.cap)
                try:
                    lp.plugin.run(doc)
                    cells.append(f"{time.perf_counter() - t0:>11.2f}")
                except Cap:
                    cells.append(f"{'>' + format(args.cap, 'g'):>11}")
                except Exception as exc:  # noqa: BLE001 - a failing plugin is a result here
                    cells.append(f"{type(exc).__name__[:11]:>11}")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            print(f"{shape:<13}{scale:>3}{len(text):>8} {spacy_s:>7.2f} " + " ".join(cells), flush=True)


if __name__ == "__main__":
    sys.exit(main())
