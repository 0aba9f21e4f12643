#!/usr/bin/python3
"""What `az ml` (azure-ai-ml, client-side, offline) says about every seeded fault and corpus spec.

Copies the corpus tree to a scratch folder, writes each faulted file BESIDE its original as
`<stem>__<fault id><ext>` (so its relative `code:`, `component:` and data paths resolve as in the
original), and runs the SDK oracle once per kind over all of them:
  --as job        faults in job files        (what `az ml job create -f` runs)
  --as component  faults in component files  (what `az ml component create -f` runs)
  classify        the unmodified corpus files (kind `other` gets accepted: null)
The kind comes from the original file, so `type: comand` is still judged as a job.

Then, for every job the oracle accepts, submit_checks.py replays the client-side checks that
`az ml job create` runs after its first network call (see there).

Writes verdicts.jsonl: a header line {"sdk", "version", "oracle", "submit", "corpus"}, then one
line per fault {"id", "accepted", "stage", "error", "submit", "sha"} and one per corpus file
{"file", "kind", "accepted", "stage", "error", "submit", "sha"}; `submit` is null or
{"accepted", "error"} from submit_checks.py; `error` is the first line, with the scratch folder
written `<corpus>`; `sha` is the SHA-256 of the judged text, its kind and its folder, so a re-run
(--reuse, default: the existing output) asks the oracle only about texts it has not judged yet.
Pass --reuse "" to judge everything again (e.g. after an oracle or SDK change).

Usage: sdk_verdicts.py [--faults FILE] [--out FILE] [--reuse FILE] [--corpus DIR] [--oracle verdict.py]
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))


def faulted_name(rel, fid):
    stem, ext = os.path.splitext(rel)
    return "%s__%s%s" % (stem, fid, ext)


def sdk_version(oracle):
    """azure-ai-ml's own VERSION, read from the oracle's unpacked SDK."""
    base = os.environ.get("SDK_ORACLE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "amllint-sdk-oracle")
    with open(os.path.join(base, "azure-ai-ml", "azure", "ai", "ml", "_version.py"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("VERSION"):
                return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("no VERSION in azure-ai-ml")


def run_tool(tool, paths, label):
    """{absolute path: verdict dict} from a tool printing one JSON line per path; few processes
    (the SDK import costs ~8 s each), at most 500 paths per command line."""
    out = {}
    if not paths:
        return out
    t = time.time()
    for i in range(0, len(paths), 500):
        chunk = paths[i:i + 500]
        p = subprocess.run(["/usr/bin/python3"] + tool + ["--"] + chunk, capture_output=True, text=True, check=True)
        for line in p.stdout.splitlines():
            d = json.loads(line)
            out[os.path.abspath(d["path"])] = d
    sys.stderr.write("%s: %d files in %.1f s\n" % (label, len(paths), time.time() - t))
    missing = [p for p in paths if os.path.abspath(p) not in out]
    if missing:
        raise SystemExit("%s gave no verdict for %s" % (label, missing[:3]))
    return out


def digest(text, kind, rel):
    """Identifies a verdict: the text, the kind it is judged as, and its folder (relative paths
    resolve from there; the file's own name does not matter, so renumbered ids reuse verdicts)."""
    h = hashlib.sha256()
    h.update(("%s\0%s\0" % (kind, os.path.dirname(rel))).encode("utf-8"))
    h.update(text)
    return h.hexdigest()[:20]


def first_line(err, scratch):
    if not err:
        return None
    return err.replace(scratch, "<corpus>").splitlines()[0]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--faults", default=os.path.join(HERE, "faults.jsonl"))
    ap.add_argument("--out", default=os.path.join(HERE, "verdicts.jsonl"))
    ap.add_argument("--reuse", default=None, help="earlier verdicts to reuse (default: --out)")
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus"))
    ap.add_argument("--oracle", default=os.path.join(SHARED, "tools", "sdk-oracle", "verdict.py"))
    a = ap.parse_args(argv)

    faults = [json.loads(line) for line in open(a.faults, encoding="utf-8")]
    version = sdk_version(a.oracle)
    reuse_path = a.out if a.reuse is None else a.reuse
    cache = {}
    if reuse_path and os.path.isfile(reuse_path):
        lines = [json.loads(line) for line in open(reuse_path, encoding="utf-8")]
        if lines and lines[0].get("version") == version:
            cache = {d["sha"]: d for d in lines[1:] if d.get("sha")}
    scratch = tempfile.mkdtemp(prefix="amllint-sdk-agreement-")
    try:
        shutil.copytree(os.path.join(a.corpus, "azureml-examples"), os.path.join(scratch, "azureml-examples"),
                        symlinks=True)
        # (label, kind to force or None, rel path under scratch, sha) of everything to judge
        cases = []
        for f in faults:
            with open(os.path.join(a.corpus, f["file"]), "rb") as fh:
                text = fh.read()
            frm, to = f["from"].encode("utf-8"), f["to"].encode("utf-8")
            o = f["offset"]
            if text[o:o + len(frm)] != frm:
                raise SystemExit("%s: `from` is not at offset %d of %s" % (f["id"], o, f["file"]))
            rel = faulted_name(f["file"], f["id"])
            new = text[:o] + to + text[o + len(frm):]
            with open(os.path.join(scratch, rel), "wb") as fh:
                fh.write(new)
            kind = "component" if f["kind"].endswith("-component") else "job"
            cases.append((f, kind, rel, digest(new, kind, rel)))
        for root, dirs, files in os.walk(os.path.join(a.corpus, "azureml-examples")):
            dirs.sort()
            for fn in sorted(files):
                if fn.endswith((".yml", ".yaml")):
                    rel = os.path.relpath(os.path.join(root, fn), a.corpus)
                    with open(os.path.join(root, fn), "rb") as fh:
                        cases.append((None, None, rel, digest(fh.read(), "classify", rel)))
        sha_of = {rel: sha for f, kind, rel, sha in cases}
        # 1. the oracle, for every text not judged before
        todo = {"job": [], "component": [], None: []}
        for f, kind, rel, sha in cases:
            if sha not in cache:
                todo[kind].append(os.path.join(scratch, rel))
        sys.stderr.write("%d cases, %d judged before\n" % (len(cases), len(cases) - sum(map(len, todo.values()))))
        for kind in ("job", "component", None):
            for path, d in run_tool([a.oracle] + (["--as", kind] if kind else []), todo[kind],
                                    "oracle " + (kind or "classify")).items():
                sha = sha_of[os.path.relpath(path, scratch)]
                cache[sha] = {"kind": d["kind"], "accepted": d["accepted"], "stage": d["stage"],
                              "error": first_line(d["error"], scratch)}
        # 2. the checks `az ml job create` runs after its first network call, for the jobs the
        #    oracle accepts (a rejected file never gets there)
        #    (a reused fault verdict carries no `kind` but always its `submit`)
        todo_submit = [os.path.join(scratch, rel) for f, kind, rel, sha in cases
                       if cache[sha].get("kind") == "job" and cache[sha]["accepted"]
                       and "submit" not in cache[sha]]
        for path, d in run_tool([os.path.join(HERE, "submit_checks.py")], todo_submit, "submit checks").items():
            sha = sha_of[os.path.relpath(path, scratch)]
            cache[sha]["submit"] = {"accepted": d["accepted"], "error": first_line(d["error"], scratch)}

        rejected = 0
        with open(a.out, "w", encoding="utf-8", newline="\n") as out:
            out.write(json.dumps({"sdk": "azure-ai-ml", "version": version,
                                  "oracle": "shared/tools/sdk-oracle/verdict.py (client-side, offline)",
                                  "submit": "tests/sdk_agreement/submit_checks.py (client-side checks after upload)",
                                  "corpus": "shared/corpus/azureml-examples",
                                  "faults": len(faults), "files": len(cases) - len(faults)}) + "\n")
            for f, kind, rel, sha in cases:
                d = cache[sha]
                head = {"id": f["id"]} if f else {"file": rel, "kind": d["kind"]}
                head.update({"accepted": d["accepted"], "stage": d["stage"], "error": d["error"],
                             "submit": d.get("submit"), "sha": sha})
                out.write(json.dumps(head, ensure_ascii=False) + "\n")
                rejected += bool(f) and (d["accepted"] is False or (d.get("submit") or {}).get("accepted") is False)
        sys.stderr.write("%d faults: SDK rejects %d, accepts %d; %d corpus files -> %s\n"
                         % (len(faults), rejected, len(faults) - rejected, len(cases) - len(faults), a.out))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
