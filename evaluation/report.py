"""The results as tables: plain text for the terminal, Markdown for docs/evaluation.md."""

from __future__ import annotations

from fieldreport.evaluation.tasks import TASKS

REFERENCES = """\
Reference points published elsewhere (other documents or settings, so not directly comparable): MUC-4
template F1 of GTT 50.2 and IterX 53.0 (on MUC-4 TST3+TST4, which is not among these files);
LGL accuracy@161 km of CamCoder 76 and Mordecai 3 82.7."""


def fmt(value, kind: str) -> str:  # noqa: ANN001
    if value is None:
        return "—"
    if kind == "pct":
        return f"{100 * value:.1f}"
    if kind == "f3":
        return f"{value:.3f}"
    if kind == "km":
        return f"{value:,.0f}"
    if kind == "int":
        return f"{int(value)}"
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def _splits(result: dict) -> list[str]:
    splits = list(result.get("splits", {}))
    return [s for s in splits if s != "all"] if len(splits) > 1 else splits


def rows(result: dict) -> tuple[list[str], list[list[str]]]:
    """Header and rows of one task's table: a metric per row, a (system, split) per column."""
    splits = _splits(result)
    systems = [s for s in result.get("systems", []) if any(s in result["splits"][sp] for sp in splits)]
    columns = [(system, split) for system in systems for split in splits]
    header = ["metric"] + [f"{system} ({split})" if len(splits) > 1 else system for system, split in columns]
    body = []
    for metric in result.get("metrics", []):
        values = [result["splits"][split].get(system, {}).get(metric["key"]) for system, split in columns]
        if all(v is None for v in values):
            continue
        body.append([metric["label"]] + [fmt(v, metric["kind"]) for v in values])
    return header, body


def _documents(result: dict) -> str:
    return ", ".join(f"{split} {n}" for split, n in result.get("documents", {}).items())


def text(results: dict) -> str:
    out = []
    for name, result in results["tasks"].items():
        out.append(f"\n== {name} ({_documents(result) or result.get('status')}) ==")
        out.extend(f"  note: {note}" for note in result.get("notes", []))
        if result.get("errors"):
            out.append(f"  {result['errors']} documents failed, e.g. {result['error_examples'][0]}")
        header, body = rows(result)
        if not body:
            continue
        widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
        for row in [header, *body]:
            out.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        task = TASKS.get(name)
        if task is not None:
            out.extend("  " + line for line in task.markdown_tables(result))
    meta = results["meta"]
    out.append(f"\n{meta['seconds']} s, {meta['workers']} workers, commit {meta['commit'] or '?'}")
    return "\n".join(out)


def join(runs: list[dict]) -> dict:
    """One result out of saved runs of different tasks: a later run's task replaces an earlier one's; the
    meta says which commit and command each task comes from."""
    if len(runs) == 1:
        return runs[0]
    tasks: dict[str, dict] = {}
    origin: dict[str, dict] = {}
    for run in runs:
        for name, result in run["tasks"].items():
            tasks[name] = result
            origin[name] = run["meta"]
    # the runs that still contribute a task, in the order given
    metas = [run["meta"] for run in runs if any(o is run["meta"] for o in origin.values())]
    first = metas[0]
    meta = {
        **first,
        "date": max(m["date"] for m in metas),
        "commit": ", ".join(
            f"{m['commit'] or '?'} ({', '.join(n for n, o in origin.items() if o is m)})" for m in metas),
        "seconds": sum(m["seconds"] for m in metas),
        "workers": max(m["workers"] for m in metas),
        "baselines": all(m["baselines"] for m in metas),
        "limit": next((m["limit"] for m in metas if m.get("limit")), None),
        "command": "; ".join(m.get("command", "fieldreport eval") for m in metas),
    }
    return {"meta": meta, "tasks": tasks}


def summary(results: dict) -> list[str]:
    """The headline metrics of every task on the held-out split, ours beside the baselines."""
    lines = ["", "## Summary", "", "Headline metrics on the **test** split (held out; the dev split where a run has only "
             "that). Each task's section below has every metric, per split.", "",
             "| task | metric | fieldreport | baselines |", "|---|---|---|---|"]
    for name, result in results["tasks"].items():
        task = TASKS.get(name)
        splits = result.get("splits", {})
        split = "test" if "test" in splits else next(iter(splits), None)
        if task is None or split is None:
            continue
        kinds = {m["key"]: (m["label"], m["kind"]) for m in result.get("metrics", [])}
        for key in task.headline:
            if key not in kinds:
                continue
            label, kind = kinds[key]
            ours = splits[split].get("fieldreport", {}).get(key)
            others = [f"{system} {fmt(values[key], kind)}" for system, values in splits[split].items()
                      if system != "fieldreport" and values.get(key) is not None]
            if ours is None and not others:
                continue
            lines.append(f"| {name} | {label} | {fmt(ours, kind)} | {' · '.join(others) or '—'} |")
    return lines


def markdown(results: dict, command: str) -> str:
    meta = results["meta"]
    out = [
        "# Evaluation",
        "",
        "Quality of the pipeline on the gold-annotated public datasets in `../shared/eval/`, beside the tools a",
        "user would pick instead, in the same run. Regenerate this file with `make eval`, i.e.",
        "",
        f"```sh\n{command}\n```",
        "",
        f"Run of {meta['date']} at commit{'s' if ', ' in (meta['commit'] or '') else ''} `{meta['commit'] or '?'}`, {meta['workers']} worker processes, "
        f"{meta['seconds']:.0f} s. Baselines: {'yes' if meta['baselines'] else 'no'}.",
        *([f"**Partial run**: the first {meta['limit']} documents of each task (`--limit {meta['limit']}`), not the "
           "whole datasets; numbers on so few documents move by several points from run to run of the plugins."]
          if meta.get("limit") else []),
        "Each record belongs to the **dev** or the **test** split by a hash of its id (`datasets.split_of`):",
        "dev is what the plugins are tuned on, test is held out. Percentages unless marked; — = nothing to count.",
        "",
        REFERENCES,
        "",
        "| task | dataset | documents |",
        "|---|---|---|",
    ]
    for name, result in results["tasks"].items():
        out.append(f"| {name} | {result.get('title', '')} | {_documents(result) or result.get('status')} |")
    out += summary(results)
    for name, result in results["tasks"].items():
        out += ["", f"## {name}", ""]
        task = TASKS.get(name)
        if task is not None and task.about:
            out += [task.about.strip(), ""]
        out.extend(f"> **Note:** {note}\n" for note in result.get("notes", []))
        if result.get("errors"):
            out.append(f"> {result['errors']} documents failed in the pipeline (scored as no output).\n")
        header, body = rows(result)
        if body:
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "---|" * len(header))
            out.extend("| " + " | ".join(row) + " |" for row in body)
        if task is not None:
            out += task.markdown_tables(result)
    return "\n".join(out) + "\n"
