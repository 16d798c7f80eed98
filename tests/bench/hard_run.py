"""Score the hard bench (hard.py): per phenomenon, per status and flag, for duizhao and baselines.

Per phenomenon: link F1 and status accuracy over the child measures of that phenomenon; for
`expand`, main-source accuracy (the child's first source is its true parent measure). Per
status (inherited / modified / added, and dropped on the parent side) and per flag: F1 over
every hard pair. Revision pairs are scored apart: status F1 and the share of edited measures
whose change is visible in the clause diff (an insert or delete span, `number` kind for a
changed year, number or unit).
"""

from __future__ import annotations

from collections import defaultdict

from hard import PHENOMENA, hard_pair
from hard_variants import revision_pair, sibling_pair
from hard_verdicts import PHENOMENA as VERDICT_PHENOMENA
from hard_verdicts import verdict_pair
from metrics import FLAGS, Counts, fmt

from duizhao.compare import compare_plans
from duizhao.corpus import parse_plan
from duizhao.reports.pair.json import compare_dict

STATUSES = ("inherited", "modified", "added", "dropped")


def _systems():
    from baselines import BASELINES

    def ours(parent, child, revision=False):
        return compare_dict(compare_plans(parent, child, revision=revision))

    return {"duizhao": ours, **BASELINES}


def bench_hard(n: int, seed: int, samples: dict, systems=("duizhao", "difflib", "tfidf")) -> dict:
    """Scores over `n` hard pairs cycling over the samples, and n // 2 revision pairs."""
    runners = _systems()
    names = list(samples)
    per_phen = {s: defaultdict(Counts) for s in systems}
    status_acc = {s: defaultdict(lambda: [0, 0]) for s in systems}
    main_acc = {s: [0, 0] for s in systems}
    cats = {s: defaultdict(Counts) for s in systems}
    problems: list[str] = []
    carrierless = {s: [0, 0] for s in systems}
    parent_acc = {s: defaultdict(lambda: [0, 0]) for s in systems}
    notes = {s: defaultdict(Counts) for s in ("duizhao",)}
    score = (runners, systems, per_phen, status_acc, main_acc, cats, problems, carrierless)
    for i in range(n):
        name = names[i % len(names)]
        pair = hard_pair(samples[name], seed * 100_003 + i)
        label = f"hard {i:03d} ({name}, seed {pair.truth['seed']})"
        _score_pair(pair, label, *score)
    for i in range(n):
        name = names[i % len(names)]
        pair = verdict_pair(samples[name], seed * 100_003 + 30_000 + i)
        label = f"verdicts {i:03d} ({name}, seed {pair.truth['seed']})"
        _score_pair(pair, label, *score, parent_acc=parent_acc)
        other = samples[names[(i + 1) % len(names)]]
        _score_notes(pair, other, name, notes["duizhao"], runners["duizhao"])
    rev = {s: defaultdict(Counts) for s in systems}
    visible = [0, 0]
    for i in range(max(1, n // 2)):
        name = names[i % len(names)]
        pair = revision_pair(samples[name], seed * 100_003 + 50_000 + i)
        parent = parse_plan(pair.parent_text, path=f"rev/{i:03d}-old.txt")
        child = parse_plan(pair.child_text, path=f"rev/{i:03d}-new.txt")
        if len(child.measures()) != len(pair.truth["status"]):
            problems.append(f"revision {i:03d}: parsed {len(child.measures())} measures")
            continue
        for s in systems:
            res = (
                runners[s](parent, child, revision=True)
                if s == "duizhao"
                else runners[s](parent, child)
            )
            got = [m["status"] for m in res["child_measures"]]
            for st in ("inherited", "modified"):
                p = {k for k, g in enumerate(got) if g == st}
                t = {k for k, g in enumerate(pair.truth["status"]) if g == st}
                rev[s][st] += Counts(len(p & t), len(p - t), len(t - p))
            if s == "duizhao":
                for k in pair.edits:
                    visible[1] += 1
                    diff = res["child_measures"][k].get("diff") or []
                    if any(sp[0] != "equal" for d in diff for sp in d.get("spans", ())) or any(
                        d.get("op") in ("removed", "added") for d in diff
                    ):
                        visible[0] += 1
    sib = {s: {"links": Counts(), "found": Counts(), "added": Counts()} for s in systems}
    for i in range(max(1, n // 3)):
        name = names[i % len(names)]
        pair = sibling_pair(samples[name], seed * 100_003 + 70_000 + i)
        _score_sibling(pair, i, runners, systems, sib, problems)
    return {
        "sibling": sib,
        "per_phen": per_phen,
        "status_acc": status_acc,
        "main_acc": main_acc,
        "cats": cats,
        "revision": rev,
        "visible": visible,
        "problems": problems,
        "systems": systems,
        "carrierless": carrierless,
        "parent_acc": parent_acc,
        "notes": notes["duizhao"],
    }


def _score_sibling(pair, i, runners, systems, sib, problems) -> None:
    """Links right when the two measures share an origin; a child measure expected to find a
    source is missed when none of its links is right."""
    t = pair.truth
    parent = parse_plan(pair.parent_text, path=f"sibling/{i:03d}-a.txt")
    child = parse_plan(pair.child_text, path=f"sibling/{i:03d}-b.txt")
    pids = [m.id for m in parent.measures()]
    cids = [m.id for m in child.measures()]
    if len(pids) != t["parent_count"] or len(cids) != t["child_count"]:
        problems.append(f"sibling {i:03d}: parsed {len(pids)}/{len(cids)} measures")
        return
    allowed = {(pids[a], cids[b]) for a, b in t["allowed"]}
    for s in systems:
        res = runners[s](parent, child)
        got = {(link["parent"], link["child"]) for link in res["links"]}
        # precision over links; recall over expected child measures (found: any right link)
        right = got & allowed
        sib[s]["links"] += Counts(len(right), len(got - allowed), 0)
        found = sum(1 for j in t["expected"] if any(x[1] == cids[j] for x in right))
        sib[s]["found"] += Counts(found, 0, len(t["expected"]) - found)
        p = {m["id"] for m in res["child_measures"] if m["status"] == "added"}
        tr = {cids[j] for j in t["added"]}
        sib[s]["added"] += Counts(len(p & tr), len(p - tr), len(tr - p))


PARENT_TRUTH = {"dropped": "dropped", "oneclause": "dropped", "echo": "dropped",
                "condense": "partial", "smallmerge-part": "carried"}  # fmt: skip
"""The parent status each verdicts role must end with (other roles are not scored)."""


def _score_notes(pair, other_plan, name, notes, run) -> None:
    """Notes about the parent: the true parent gets none; a plan the child does not cite gets
    `uncited` (another sample, or the child's sibling); a plan of the child's level gets
    `same level` (the sibling, and another district sample)."""
    child = parse_plan(pair.child_text, path="verdicts/child.txt")
    parent = parse_plan(pair.parent_text, path="verdicts/parent.txt")
    sibling = parse_plan(pair.child_text.replace(pair.name, "邻近区"), path="verdicts/sibling.txt")
    level = child.jurisdiction.level
    same = other_plan.jurisdiction.level == level
    cases = (
        # The generator derives district plans from the district samples too: same level.
        (parent, {"uncited": False, "same_level": parent.jurisdiction.level == level}),
        (other_plan, {"uncited": True, "same_level": same}),
        (sibling, {"uncited": True, "same_level": True}),
    )
    for candidate, expected in cases:
        said = " ".join(run(candidate, child).get("notes", ()))
        # Another jurisdiction than the child cites is said by its own note (levels.py).
        uncited = "does not cite" in said or "the right parent" in said
        got = {"uncited": uncited, "same_level": "same level" in said}
        for kind, want in expected.items():
            notes[kind] += Counts(
                int(want and got[kind]), int(got[kind] and not want), int(want and not got[kind])
            )


def _score_pair(
    pair, label, runners, systems, per_phen, status_acc, main_acc, cats, problems, carrierless,
    parent_acc=None,
):  # fmt: skip
    t = pair.truth
    parent = parse_plan(pair.parent_text, path="hard/parent.txt")
    child = parse_plan(pair.child_text, path="hard/child.txt")
    pids = [m.id for m in parent.measures()]
    cids = [m.id for m in child.measures()]
    if len(pids) != t["parent_count"] or len(cids) != len(t["status"]):
        problems.append(f"{label}: parsed {len(pids)}/{len(cids)} measures")
        return
    true_links = {(pids[p], cids[c]) for p, c in t["links"]}
    for s in systems:
        res = runners[s](parent, child)
        got_links = {(link["parent"], link["child"]) for link in res["links"]}
        status = {m["id"]: m["status"] for m in res["child_measures"]}
        flags = {m["id"]: set(m.get("flags", ())) for m in res["child_measures"]}
        first = {
            m["id"]: (m.get("sources") or [{}])[0].get("parent") for m in res["child_measures"]
        }
        linked = {x[0] for x in got_links}
        for m in res["parent_measures"]:
            carrierless[s][1] += 1
            carrierless[s][0] += m["status"] != "dropped" and m["id"] not in linked
        if parent_acc is not None:
            pstatus = {m["id"]: m["status"] for m in res["parent_measures"]}
            for k, role in enumerate(t["parent_roles"]):
                if role in PARENT_TRUTH:
                    acc = parent_acc[s][role]
                    acc[0] += pstatus[pids[k]] == PARENT_TRUTH[role]
                    acc[1] += 1
        for j, cid in enumerate(cids):
            ph = t["phenomenon"][j]
            p = {x for x in got_links if x[1] == cid}
            tr = {x for x in true_links if x[1] == cid}
            per_phen[s][ph] += Counts(len(p & tr), len(p - tr), len(tr - p))
            if t["status"][j] is None:
                continue  # not scored (echo hosts)
            acc = status_acc[s][ph]
            acc[0] += status[cid] == t["status"][j]
            acc[1] += 1
            if ph == "expand":
                main_acc[s][0] += first.get(cid) == pids[t["main"][str(j)]]
                main_acc[s][1] += 1
        unscored = {cids[j] for j, g in enumerate(t["status"]) if g is None}
        for st in ("inherited", "modified", "added"):
            p = {c for c in cids if status[c] == st} - unscored
            tr = {cids[j] for j, g in enumerate(t["status"]) if g == st}
            cats[s][st] += Counts(len(p & tr), len(p - tr), len(tr - p))
        p = {m["id"] for m in res["parent_measures"] if m["status"] == "dropped"}
        tr = {pids[k] for k in t["dropped"]}
        cats[s]["dropped"] += Counts(len(p & tr), len(p - tr), len(tr - p))
        ignore = {cids[j] for j in t.get("ignore_split", ())}
        for flag in FLAGS:
            skip = ignore if flag == "split" else set()
            p = {c for c in cids if flag in flags[c]} - skip
            tr = {cids[j] for j in t[flag]} - skip
            cats[s][flag] += Counts(len(p & tr), len(p - tr), len(tr - p))


def hard_lines(r: dict) -> list[str]:
    systems = r["systems"]
    head = f"{'phenomenon':<12}" + "".join(f"| {s:<8} linkF1 status " for s in systems) + "| n"
    lines = ["HARD GENERATED: per phenomenon (child measures of that kind)", head, "-" * len(head)]
    for ph in (*PHENOMENA, *VERDICT_PHENOMENA):
        row = f"{ph:<12}"
        n = 0
        for s in systems:
            c = r["per_phen"][s][ph]
            ok, total = r["status_acc"][s][ph]
            n = total
            row += f"| {'':<8}{fmt(c.f1):>6} {fmt(ok / total if total else None):>6} "
        lines.append(row + f"| {n}")
    row = f"{'1→k main':<12}"
    for s in systems:
        ok, total = r["main_acc"][s]
        row += f"| {'':<8}{fmt(ok / total if total else None):>13} "
    lines.append(row + f"| {r['main_acc'][systems[0]][1]}")
    lines += ["", "HARD GENERATED: per status and flag, P / R / F1"]
    head = (
        f"{'category':<12}" + "".join(f"| {s:<7}  P     R     F1    " for s in systems) + "| truth"
    )
    lines += [head, "-" * len(head)]
    for cat in (*STATUSES, *FLAGS):
        row = f"{cat:<12}"
        for s in systems:
            c = r["cats"][s][cat]
            row += f"| {'':<7}{fmt(c.precision):>6}{fmt(c.recall):>6}{fmt(c.f1):>6}  "
        c = r["cats"][systems[0]][cat]
        lines.append(row + f"| {c.tp + c.fn}")
    lines.append(
        "owners_changed on its own (renames by level across agency kinds, real changes in every"
        " role): "
        + "; ".join(
            f"{s} P {fmt(r['cats'][s]['owners_changed'].precision)}"
            f" R {fmt(r['cats'][s]['owners_changed'].recall)}"
            for s in systems
        )
    )
    lines += ["", "VERDICTS: parent status accuracy by what the child did to the parent measure"]
    for role, want in PARENT_TRUTH.items():
        row = f"{role:<16}"
        for s in systems:
            ok, total = r["parent_acc"][s][role]
            row += f"| {s:<8}{fmt(ok / total if total else None):>6} "
        lines.append(row + f"| → {want}, n {r['parent_acc'][systems[0]][role][1]}")
    lines.append(
        "parent measures carried/partial without a linked child measure: "
        + "; ".join(f"{s} {r['carrierless'][s][0]} of {r['carrierless'][s][1]}" for s in systems)
    )
    lines.append(
        "duizhao notes about the parent, P / R: "
        + "; ".join(
            f"{kind} {fmt(c.precision)} / {fmt(c.recall)}" for kind, c in r["notes"].items()
        )
    )
    lines += ["", "SIBLINGS: one child compared with another child of the same parent, P / R / F1"]
    for cat in ("links", "added"):
        row = f"{cat:<12}"
        for s in systems:
            c = r["sibling"][s][cat]
            p, rec = c.precision, (r["sibling"][s]["found"] if cat == "links" else c).recall
            f1 = 2 * p * rec / (p + rec) if p is not None and rec is not None and p + rec else None
            row += f"| {s:<7}{fmt(p):>6}{fmt(rec):>6}{fmt(f1):>6}  "
        lines.append(row)
    lines.append(
        "  (links: P over predicted links, a link right when both measures restate a common"
        " origin; R over child measures that should find one)"
    )
    lines += ["", "REVISIONS: status F1 (duizhao with --revision; baselines as they are)"]
    for st in ("inherited", "modified"):
        lines.append(
            f"{st:<12}" + "".join(f"| {s:<8}{fmt(r['revision'][s][st].f1):>6} " for s in systems)
        )
    ok, total = r["visible"]
    lines.append(f"edited measures whose change shows in duizhao's diff: {ok}/{total}")
    if r["problems"]:
        lines.append("parse problems: " + "; ".join(r["problems"][:5]))
    return lines


def missed(r: dict, target: float = 0.95) -> list[str]:
    out = []
    for cat in (*STATUSES, *FLAGS):
        f1 = r["cats"]["duizhao"][cat].f1
        if f1 is not None and f1 < target:
            out.append(f"hard {cat} F1 {f1:.3f} < {target}")
    if r["carrierless"]["duizhao"][0]:
        out.append(f"hard: {r['carrierless']['duizhao'][0]} parent measures carried without a link")
    oc = r["cats"]["duizhao"]["owners_changed"]
    for what, value in (("precision", oc.precision), ("recall", oc.recall)):
        if value is not None and value < target:
            out.append(f"hard owners_changed {what} {value:.3f} < {target}")
    ok, total = r["main_acc"]["duizhao"]
    if total and ok / total < target:
        out.append(f"hard 1→k main-source accuracy {ok / total:.3f} < {target}")
    return out
