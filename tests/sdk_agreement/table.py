#!/usr/bin/python3
"""Per-class agreement table from the report the agreement test writes.

  AMLLINT_SDK_AGREEMENT_REPORT=/tmp/r.jsonl amllint_unit_tests --gtest_filter='SdkAgreement*'
  table.py /tmp/r.jsonl > table.md

Columns: faults; SDK rejects -> amllint errors on n of them; SDK accepts -> amllint errors on n
of them; disagreements (exceptions applied). Then the disagreements per class, one example each
with the faulted line, the SDK's error and amllint's errors.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))


def faulted_line(fault):
    with open(os.path.join(CORPUS, fault["file"]), "rb") as f:
        text = f.read()
    o, frm = fault["offset"], fault["from"].encode()
    new = (text[:o] + fault["to"].encode() + text[o + len(frm):]).decode("utf-8", "replace")
    lines = new.replace("\r\n", "\n").replace("\r", "\u240d\n").split("\n")
    i = fault["line"] - 1
    return lines[i] if i < len(lines) else ""


def main(argv):
    rows = {}
    for line in open(argv[0], encoding="utf-8"):
        r = json.loads(line)
        rows[r.get("id") or r["file"]] = r  # a re-run replaces earlier lines
    faults = {}
    for line in open(os.path.join(HERE, "faults.jsonl"), encoding="utf-8"):
        f = json.loads(line)
        faults[f["id"]] = f
    order = []
    for f in faults.values():
        if f["class"] not in order:
            order.append(f["class"])
    order.append("(corpus)")
    per = collections.OrderedDict((c, []) for c in order)
    for r in rows.values():
        per.setdefault(r["class"], []).append(r)

    out = ["| class | cases | SDK rejects → amllint error | SDK accepts → amllint error | disagree |",
           "|---|---:|---:|---:|---:|"]
    tot = collections.Counter()
    bad_by_class = collections.OrderedDict()
    for c, rs in per.items():
        if not rs:
            continue
        rej = [r for r in rs if r["sdk_rejects"]]
        acc = [r for r in rs if not r["sdk_rejects"]]
        er = sum(r["amllint_error"] for r in rej)
        ea = sum(r["amllint_error"] for r in acc)
        bad = [r for r in rs if r["amllint_error"] != r["want_error"]]
        exc = [r for r in rs if r["exception"]]
        bad_by_class[c] = bad
        out.append("| %s | %d | %s | %s | %s |" % (
            c, len(rs), "%d/%d" % (er, len(rej)) if rej else "–", "%d/%d" % (ea, len(acc)) if acc else "–",
            ("**%d**" % len(bad) if bad else "0") + (" (%d exc.)" % len(exc) if exc else "")))
        tot.update(cases=len(rs), rej=len(rej), er=er, acc=len(acc), ea=ea, bad=len(bad))
    out.append("| **all** | %d | %d/%d | %d/%d | **%d** |" % (
        tot["cases"], tot["er"], tot["rej"], tot["ea"], tot["acc"], tot["bad"]))
    out.append("")
    out.append("## Disagreements by class (one example each)")
    out.append("")
    for c, bad in bad_by_class.items():
        if not bad:
            continue
        missed = [r for r in bad if r["want_error"] and not r["exception"]]
        missed_exc = [r for r in bad if r["want_error"] and r["exception"]]
        false_err = [r for r in bad if not r["want_error"]]
        for kind, rs in (("SDK rejects, amllint no error", missed),
                         ("SDK accepts but the service rejects (exception), amllint no error", missed_exc),
                         ("SDK accepts, amllint error", false_err)):
            if not rs:
                continue
            r = rs[0]
            fields = collections.Counter(x.get("field") or "" for x in rs)
            out.append("### %s — %s: %d" % (c, kind, len(rs)))
            if len(fields) > 1 or "" not in fields:
                out.append("fields: " + ", ".join("`%s` %d" % (k or "-", v) for k, v in fields.most_common(8)))
            out.append("")
            if "id" in r:
                f = faults[r["id"]]
                out.append("- `%s` %s:%d" % (r["id"], r["file"], r["line"]))
                out.append("  - faulted line: `%s`" % faulted_line(f).strip().replace("`", "'"))
            else:
                out.append("- %s" % r["file"])
            out.append("  - SDK: %s" % (("rejects (%s): %s" % (r["sdk_stage"], r["sdk_error"])) if r["sdk_rejects"]
                                        else "accepts"))
            if r["errors"]:
                out.append("  - amllint: " + "; ".join("`%s`" % e.replace("`", "'") for e in r["errors"][:3]))
            else:
                out.append("  - amllint: no error" + (" (%s)" % ", ".join(r["others"]) if r["others"] else ""))
            others = [x.get("id") or x["file"] for x in rs[1:6]]
            if others:
                out.append("  - also: " + ", ".join(others) + (" …" if len(rs) > 6 else ""))
            out.append("")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
