#!/usr/bin/python3
"""Seeded single-edit faults in real job and component specs of the shared corpus.

Each fault is ONE replacement in the original text of one corpus file:
    {"id", "class", "file", "line", "offset", "from", "to", "note"}
`file` is relative to ../shared/corpus/, `offset` is the byte offset in the original file where
`from` starts (the exact bytes replaced; empty for an insertion), `to` is what replaces them, `line`
the 1-based line of `offset`. The agreement test re-applies the edit byte for byte and checks that
`from` is really there, so a stale faults.jsonl fails loudly instead of testing something else.

Deterministic: every choice comes from random.Random(f"{SEED}/{class}/{file}"), so adding a class
or a file does not reshuffle the faults of the others. Every generated fault is checked with PyYAML
(what `az ml` loads specs with): a syntax-error class must make the file unparseable, every other
class must leave a mapping that differs from the original (except the line-ending classes, which
must parse to the same data). A candidate that fails its check is dropped, not emitted.

Needs PyYAML (Debian's python3-yaml, which the SDK oracle uses too).
Usage: generate_faults.py [--corpus DIR] [--out FILE]
"""
import argparse
import csv
import json
import os
import random
import re
import sys

import yaml

SEED = 20261201
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))

BIND = re.compile(r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")


# ---------------------------------------------------------------------------------------------
# One corpus file with its PyYAML node tree (marks give character offsets into `text`).


class Spec:
    def __init__(self, corpus, rel, kind):
        self.corpus = corpus
        self.rel = rel  # relative to corpus/
        self.path = os.path.join(corpus, rel)
        self.dir = os.path.dirname(self.path)
        with open(self.path, "rb") as f:
            self.raw = f.read()
        self.text = self.raw.decode("utf-8")
        self.kind = kind  # command-job, sweep-job, pipeline-job, automl-job, command-component
        self.is_component = kind.endswith("-component")
        self.root = yaml.compose(self.text, Loader=yaml.SafeLoader)
        self.data = yaml.safe_load(self.text)

    # -- text helpers --
    def line_start(self, i):
        return self.text.rfind("\n", 0, i) + 1

    def line_end(self, i):  # index just past the newline of the line holding i
        j = self.text.find("\n", i)
        return len(self.text) if j < 0 else j + 1

    def src(self, node):
        return self.text[node.start_mark.index:node.end_mark.index]

    def block_end(self, key, value, siblings):
        """End of a `key: value` entry (index of the first line that is no longer part of it)."""
        after = [k for k, _ in siblings if k.start_mark.index > key.start_mark.index]
        if after:
            return self.line_start(min(k.start_mark.index for k in after))
        if isinstance(value, yaml.ScalarNode) and value.style not in ("|", ">"):
            return self.line_end(value.end_mark.index) if value.end_mark.index > key.end_mark.index \
                else self.line_end(key.end_mark.index)
        e = value.end_mark.index
        if e >= len(self.text):
            return len(self.text)
        return self.line_start(e) if value.end_mark.column == 0 or self.text[
            self.line_start(e):e].strip() == "" else self.line_end(e)


def items(node):
    return node.value if isinstance(node, yaml.MappingNode) else []


def get(node, key):
    for k, v in items(node):
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None, None


def is_scalar(n):
    return isinstance(n, yaml.ScalarNode)


def one_line(spec, n):
    """A scalar on one line (plain or quoted), with a non-empty value."""
    return (is_scalar(n) and n.style in (None, "'", '"') and n.start_mark.line == n.end_mark.line
            and n.end_mark.index > n.start_mark.index)


def plain(spec, n):
    return one_line(spec, n) and n.style is None


def is_binding(n):
    return is_scalar(n) and "${{" in n.value


class Edit:
    def __init__(self, start, frm, to, note, **extra):
        self.start, self.frm, self.to, self.note, self.extra = start, frm, to, note, extra


def replace_node(spec, node, new, note, **extra):
    return Edit(node.start_mark.index, spec.src(node), new, note, **extra)


def replace_value_text(spec, node, new, note, **extra):
    """Replace a one-line scalar's value, keeping its quotes."""
    s = spec.src(node)
    if node.style in ("'", '"'):
        return Edit(node.start_mark.index + 1, s[1:-1], new, note, **extra)
    return Edit(node.start_mark.index, s, new, note, **extra)


def rename_key(spec, knode, new, note, **extra):
    return Edit(knode.start_mark.index, spec.src(knode), new, note, **extra)


def delete_entry(spec, key, value, parent, note, **extra):
    a = spec.line_start(key.start_mark.index)
    b = spec.block_end(key, value, items(parent))
    if spec.text[a:key.start_mark.index].strip() not in ("", "-"):
        return None  # flow mapping or `- key:` list item: not a clean line deletion
    if spec.text[a:key.start_mark.index].strip() == "-":
        return None
    return Edit(a, spec.text[a:b], "", note, **extra)


def insert_line_after(spec, node_key, line, note, **extra):
    """Insert `line` (with its own indentation, no newline) after the line of node_key."""
    e = spec.line_end(node_key.start_mark.index)
    return Edit(e, "", line + "\n", note, **extra)


def child_indent(spec, mapping):
    for k, _ in items(mapping):
        return k.start_mark.column
    return None


def insert_top_line(spec, line, note, **extra):
    """A new top-level line after `$schema` (or at the very start)."""
    k, _ = get(spec.root, "$schema")
    if k is not None and k.start_mark.column == 0:
        return insert_line_after(spec, k, line, note, **extra)
    first = items(spec.root)[0][0]
    at = spec.line_start(first.start_mark.index)
    return Edit(at, "", line + "\n", note, **extra)


# ---------------------------------------------------------------------------------------------
# Where things are in a spec.


def steps(spec):
    """(step name key, step node) of a pipeline job."""
    if spec.kind != "pipeline-job":
        return []
    _, jobs = get(spec.root, "jobs")
    return [(k, v) for k, v in items(jobs) if isinstance(v, yaml.MappingNode)]


def step_kind(step):
    _, c = get(step, "component")
    if c is not None:
        return "component-step"
    _, t = get(step, "type")
    t = t.value if is_scalar(t) else "command"
    if t == "command" and get(step, "command")[1] is not None:
        return "inline-step"
    return t + "-step"


def names(mapping):
    return [k.value for k, _ in items(mapping)]


def contexts(spec):
    """Every place with its own ${{inputs}}/${{outputs}} scope:
    (ctx, owner node, inputs node, outputs node, [(label, text node)] for command-like strings)."""
    out = []
    r = spec.root
    _, ins = get(r, "inputs")
    _, outs = get(r, "outputs")
    if spec.kind in ("command-job", "command-component"):
        _, c = get(r, "command")
        out.append(("component" if spec.is_component else "job", r, ins, outs,
                    [("command", c)] if c is not None else []))
    elif spec.kind == "sweep-job":
        _, trial = get(r, "trial")
        _, c = get(trial, "command")
        out.append(("trial", r, ins, outs, [("trial.command", c)] if c is not None else []))
    for name, st in steps(spec):
        kind = step_kind(st)
        _, sins = get(st, "inputs")
        _, souts = get(st, "outputs")
        texts = []
        _, c = get(st, "command")
        if c is not None:
            texts.append(("command", c))
        _, task = get(st, "task")
        _, pa = get(task, "program_arguments")
        if pa is not None:
            texts.append(("task.program_arguments", pa))
        _, args = get(st, "args")
        if args is not None:
            texts.append(("args", args))
        out.append((kind + ":" + name.value, st, sins, souts, texts))
    return out


def bindings_in(spec, node):
    """(start index, end index, expression) of each ${{...}} in the source of a string node."""
    if not is_scalar(node):
        return []
    base = node.start_mark.index
    return [(base + m.start(), base + m.end(), m.group(1)) for m in BIND.finditer(spec.src(node))]


def io_entries(spec):
    """(place, direction, name key, value node, parent mapping) of every input/output entry."""
    res = []
    r = spec.root
    top = "port" if spec.is_component else "job"
    for d in ("inputs", "outputs"):
        _, m = get(r, d)
        for k, v in items(m):
            res.append((top, d, k, v, m))
    for name, st in steps(spec):
        for d in ("inputs", "outputs"):
            _, m = get(st, d)
            for k, v in items(m):
                res.append(("step", d, k, v, m))
    return res


def all_scalars(node, path=()):
    """(path tuple, key node or None, value scalar) for every scalar value below node."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if is_scalar(v):
                yield path + (k.value,), k, v
            else:
                yield from all_scalars(v, path + (k.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            if is_scalar(v):
                yield path + (i,), None, v
            else:
                yield from all_scalars(v, path + (i,))


def all_mappings(node, path=()):
    if isinstance(node, yaml.MappingNode):
        yield path, node
        for k, v in node.value:
            yield from all_mappings(v, path + (k.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            yield from all_mappings(v, path + (i,))


def environments(spec):
    """(place, value node) of every `environment:` string reference."""
    res = []
    for path, k, v in all_scalars(spec.root):
        if path and path[-1] == "environment" and plain(spec, v) and v.value:
            res.append((".".join(map(str, path)), v))
    return res


def local_component(spec, step):
    _, c = get(step, "component")
    if not is_scalar(c) or c.value.startswith("azureml:"):
        return None, None
    p = c.value[5:] if c.value.startswith("file:") else c.value
    full = os.path.normpath(os.path.join(spec.dir, p))
    if not os.path.isfile(full):
        return c, None
    with open(full, encoding="utf-8") as f:
        return c, yaml.safe_load(f)


# ---------------------------------------------------------------------------------------------
# Small deterministic mutations of words.


def typo(rng, word, avoid=()):
    """A misspelling of `word` that is none of `avoid` (drop, swap, double or replace a letter)."""
    word = str(word)
    if not word:
        return "x"
    for _ in range(50):
        op = rng.randrange(4)
        i = rng.randrange(1, len(word)) if len(word) > 1 else 0
        if op == 0 and len(word) > 2:
            w = word[:i] + word[i + 1:]
        elif op == 1 and len(word) > 2 and i < len(word) - 1:
            w = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif op == 2:
            w = word[:i] + word[i] + word[i:]
        else:
            w = word[:i] + rng.choice("aeioustrn") + word[i + 1:]
        if w != word and w not in avoid and w.lower() not in {a.lower() for a in avoid}:
            return w
    return word + "x"


def case_variant(rng, word):
    v = [word.upper(), word.title(), word[:1].upper() + word[1:]]
    if word.upper() == word:
        v = [word.lower(), word.title()]
    v = [x for x in v if x != word]
    return rng.choice(v) if v else None


# ---------------------------------------------------------------------------------------------
# Enumerations: where an enum-valued scalar sits, and the values valid there.

IO_TYPES = ["uri_file", "uri_folder", "mltable", "mlflow_model", "custom_model", "triton_model"]
LITERALS = ["string", "integer", "number", "boolean"]
def enum_sites(spec):
    """(group, field label, value node, valid values) for every enum-valued scalar."""
    res = []
    r = spec.root
    _, t = get(r, "type")
    if plain(spec, t):
        res.append(("component-type" if spec.is_component else "job-type", "type", t,
                    ["command", "pipeline", "sweep", "automl", "spark", "parallel"]))
    for place, d, k, v, _ in io_entries(spec):
        _, ty = get(v, "type")
        _, mo = get(v, "mode")
        grp = "port" if place == "port" else ("input" if d == "inputs" else "output")
        if plain(spec, ty):
            res.append((grp + "-type", "%s.%s.type" % (d, k.value), ty, IO_TYPES + LITERALS + ["path"]))
        if plain(spec, mo):
            res.append((grp + "-mode", "%s.%s.mode" % (d, k.value), mo,
                        ["ro_mount", "rw_mount", "download", "upload", "direct", "mount",
                         "eval_mount", "eval_download"]))
    for path, mapping in all_mappings(r):
        _, dt = get(mapping, "type")
        if path and path[-1] == "distribution" and plain(spec, dt):
            res.append(("distribution-type", ".".join(map(str, path)) + ".type", dt,
                        ["mpi", "pytorch", "tensorflow", "ray"]))
    for name, st in steps(spec):
        _, st_t = get(st, "type")
        if plain(spec, st_t):
            res.append(("step-type", "jobs.%s.type" % name.value, st_t,
                        ["command", "sweep", "parallel", "spark", "automl", "pipeline"]))
        _, task = get(st, "task")
        if plain(spec, task):
            res.append(("automl", "jobs.%s.task" % name.value, task,
                        ["classification", "regression", "forecasting", "text_classification",
                         "text_classification_multilabel", "text_ner", "image_classification",
                         "image_classification_multilabel", "image_object_detection",
                         "image_instance_segmentation"]))
        _, tt = get(task, "type")
        if plain(spec, tt):
            res.append(("other", "jobs.%s.task.type" % name.value, tt, ["run_function", "function", "model"]))
        _, ll = get(st, "logging_level")
        if one_line(spec, ll):
            res.append(("other", "jobs.%s.logging_level" % name.value, ll, ["DEBUG", "INFO", "WARNING"]))
    if spec.kind == "sweep-job":
        _, sa = get(r, "sampling_algorithm")
        if plain(spec, sa):
            res.append(("sweep", "sampling_algorithm", sa, ["random", "grid", "bayesian"]))
        _, obj = get(r, "objective")
        _, goal = get(obj, "goal")
        if plain(spec, goal):
            res.append(("sweep", "objective.goal", goal, ["minimize", "maximize"]))
        _, ss = get(r, "search_space")
        for k, v in items(ss):
            _, st_t = get(v, "type")
            if plain(spec, st_t):
                res.append(("sweep", "search_space.%s.type" % k.value, st_t,
                            ["choice", "randint", "uniform", "loguniform", "normal", "lognormal",
                             "quniform", "qloguniform", "qnormal", "qlognormal"]))
    if spec.kind == "automl-job":
        _, task = get(r, "task")
        if plain(spec, task):
            res.append(("automl", "task", task, ["classification", "regression", "forecasting"]))
    _, ident = get(r, "identity")
    _, it = get(ident, "type")
    if plain(spec, it):
        res.append(("other", "identity.type", it, ["user_identity", "managed", "managed_identity", "aml_token"]))
    _, services = get(r, "services")
    for k, v in items(services):
        _, svt = get(v, "type")
        if plain(spec, svt):
            res.append(("other", "services.%s.type" % k.value, svt, ["jupyter_lab", "ssh", "tensor_board", "vs_code"]))
    return res


# ---------------------------------------------------------------------------------------------
# The fault classes. Each returns candidate Edits for one spec; the driver samples among them.

CLASSES = []


def fault_class(name, limit=2, expect="parses", kinds=None):
    def deco(fn):
        CLASSES.append(dict(name=name, fn=fn, limit=limit, expect=expect, kinds=kinds))
        return fn
    return deco


TYPE_TYPOS = {"command": ["comand", "commnd", "commmand"], "pipeline": ["pipline", "pipelin", "pipeline_"],
              "sweep": ["sweeep", "swep"], "automl": ["auto_ml", "autom1"]}


@fault_class("type-typo-job", limit=1)
def _type_typo_job(spec, rng):
    if spec.is_component:
        return []
    _, t = get(spec.root, "type")
    if plain(spec, t):
        return [replace_node(spec, t, w, "top-level job type misspelt") for w in TYPE_TYPOS.get(t.value, [])]
    # type omitted (a command job): the user adds a misspelt one
    return [insert_top_line(spec, "type: " + w, "misspelt type added to a job that omitted it")
            for w in TYPE_TYPOS["command"]]


@fault_class("type-typo-component", limit=2)
def _type_typo_component(spec, rng):
    if not spec.is_component:
        return []
    _, t = get(spec.root, "type")
    return [replace_node(spec, t, w, "top-level component type misspelt")
            for w in TYPE_TYPOS.get(t.value, [])] if plain(spec, t) else []


ENUM_CASE_GROUPS = {
    "job-type": "enum-case-job-type", "component-type": "enum-case-component-type",
    "input-type": "enum-case-input-type", "input-mode": "enum-case-input-mode",
    "output-type": "enum-case-output-type", "output-mode": "enum-case-output-mode",
    "port-type": "enum-case-port-type", "port-mode": "enum-case-port-mode",
    "distribution-type": "enum-case-distribution", "step-type": "enum-case-step-type",
    "sweep": "enum-case-sweep", "automl": "enum-case-automl", "other": "enum-case-other",
}


def make_enum_case(cls):
    def fn(spec, rng):
        res = []
        for grp, label, node, valid in enum_sites(spec):
            if ENUM_CASE_GROUPS[grp] != cls:
                continue
            w = case_variant(rng, node.value)
            if w:
                res.append(replace_value_text(spec, node, w, "enum value in another case", field=label))
        return res
    return fn


for _cls in sorted(set(ENUM_CASE_GROUPS.values())):
    fault_class(_cls, limit=2)(make_enum_case(_cls))


@fault_class("enum-typo", limit=3)
def _enum_typo(spec, rng):
    res = []
    for grp, label, node, valid in enum_sites(spec):
        if grp in ("job-type", "component-type"):
            continue  # its own classes
        res.append(replace_value_text(spec, node, typo(rng, node.value, valid), "misspelt enum value",
                                      field=label))
    return res


@fault_class("literal-value-mapping", limit=2)
def _literal_value_mapping(spec, rng):
    res = []
    for place, d, k, v, _ in io_entries(spec):
        if d == "inputs" and place in ("job", "step") and one_line(spec, v) and not is_binding(v):
            res.append(replace_node(spec, v, "{value: %s}" % spec.src(v), "literal input written as {value: ...}",
                                    place=place))
    return res


INT_FIELDS = {"instance_count", "max_total_trials", "max_concurrent_trials", "timeout", "trial_timeout",
              "process_count_per_instance", "worker_count", "max_trials", "max_concurrency_per_instance",
              "mini_batch_error_threshold", "max_retries", "timeout_minutes", "max_nodes", "max_cores_per_trial"}


def int_sites(spec):
    return [(p, v) for p, k, v in all_scalars(spec.root)
            if p and p[-1] in INT_FIELDS and plain(spec, v) and re.fullmatch(r"\d+", v.value)]


@fault_class("integer-as-float", limit=2)
def _integer_as_float(spec, rng):
    return [replace_node(spec, v, v.value + ".0", "integer field written as a float", field=".".join(map(str, p)))
            for p, v in int_sites(spec)]


@fault_class("integer-quoted", limit=1)
def _integer_quoted(spec, rng):
    return [replace_node(spec, v, '"%s"' % v.value, "integer field written as a quoted string",
                         field=".".join(map(str, p))) for p, v in int_sites(spec)]


@fault_class("integer-wrong-type", limit=2)
def _integer_wrong_type(spec, rng):
    return [replace_node(spec, v, rng.choice(["two", "ten", "many", "soon", "1h"]), "integer field holds a word",
                         field=".".join(map(str, p))) for p, v in int_sites(spec)]


@fault_class("integer-nonpositive", limit=1)
def _integer_nonpositive(spec, rng):
    return [replace_node(spec, v, rng.choice(["0", "-1"]), "count field zero or negative",
                         field=".".join(map(str, p))) for p, v in int_sites(spec)]


BOOL_WORDS = {"true": "1", "false": "0", "True": "1", "False": "0"}


@fault_class("boolean-as-int", limit=2)
def _boolean_as_int(spec, rng):
    res = []
    for p, k, v in all_scalars(spec.root):
        if plain(spec, v) and v.value in BOOL_WORDS and v.tag.endswith(":bool"):
            res.append(replace_node(spec, v, BOOL_WORDS[v.value], "boolean field written as 1/0",
                                    field=".".join(map(str, p))))
    if spec.is_component:
        k, _ = get(spec.root, "type")
        if k is not None:
            res.append(insert_line_after(spec, k, "is_deterministic: %s" % rng.choice(["0", "1"]),
                                         "is_deterministic written as 1/0", field="is_deterministic"))
    _, settings = get(spec.root, "settings")
    sk, _ = get(spec.root, "settings")
    ind = child_indent(spec, settings)
    if ind and get(settings, "continue_on_step_failure")[0] is None:
        res.append(insert_line_after(spec, sk, " " * ind + "continue_on_step_failure: %s" % rng.choice(["0", "1"]),
                                     "settings boolean written as 1/0", field="settings.continue_on_step_failure"))
    return res


OPTIONAL_JOB_KEYS = ["display_name", "description", "experiment_name", "tags", "compute", "settings",
                     "environment_variables", "resources", "services", "identity", "outputs", "limits"]
OPTIONAL_COMPONENT_KEYS = ["display_name", "description", "version", "tags", "code", "outputs"]
OPTIONAL_STEP_KEYS = ["compute", "display_name", "code", "resources", "distribution", "outputs",
                      "environment_variables", "limits", "featurization", "training", "retry_settings",
                      "logging_level", "conf", "primary_metric", "log_verbosity"]


def rename_optional(spec, rng, mapping, keys, note, **extra):
    res = []
    present = set(names(mapping))
    for k, v in items(mapping):
        if k.value in keys and k.start_mark.line == k.end_mark.line:
            w = typo(rng, k.value, present)
            res.append(rename_key(spec, k, w, note, key=k.value, **extra))
    return res


@fault_class("unknown-key-job", limit=2)
def _unknown_key_job(spec, rng):
    if spec.is_component:
        return []
    res = rename_optional(spec, rng, spec.root, OPTIONAL_JOB_KEYS, "optional top-level job key misspelt")
    res.append(insert_top_line(spec, rng.choice(["priority: high", "retries: 3", "owner: data-team"]),
                               "unknown top-level job key added"))
    return res


@fault_class("unknown-key-component", limit=2)
def _unknown_key_component(spec, rng):
    if not spec.is_component:
        return []
    res = rename_optional(spec, rng, spec.root, OPTIONAL_COMPONENT_KEYS, "optional top-level component key misspelt")
    res.append(insert_top_line(spec, rng.choice(["priority: high", "retries: 3", "owner: data-team"]),
                               "unknown top-level component key added"))
    return res


def unknown_step_keys(spec, rng, with_component):
    res = []
    for name, st in steps(spec):
        if (step_kind(st) == "component-step") != with_component:
            continue
        res += rename_optional(spec, rng, st, OPTIONAL_STEP_KEYS, "optional step key misspelt",
                               step=name.value, step_kind=step_kind(st))
        ind = child_indent(spec, st)
        res.append(insert_line_after(spec, name, " " * ind + rng.choice(["priority: high", "retries: 3"]),
                                     "unknown step key added", step=name.value, step_kind=step_kind(st)))
    return res


@fault_class("unknown-key-component-step", limit=3)
def _unknown_key_component_step(spec, rng):
    """In a step that runs a `component:`."""
    return unknown_step_keys(spec, rng, True)


@fault_class("unknown-key-inline-step", limit=3)
def _unknown_key_inline_step(spec, rng):
    """In a step defined in place (command, automl, spark, parallel)."""
    return unknown_step_keys(spec, rng, False)


@fault_class("unknown-key-io", limit=1)
def _unknown_key_io(spec, rng):
    res = []
    for place, d, k, v, _ in io_entries(spec):
        for kk, vv in items(v):
            if kk.value in ("type", "mode", "path", "description", "optional", "default"):
                res.append(rename_key(spec, kk, typo(rng, kk.value, names(v)), "key of an input/output entry misspelt",
                                      place=place, key=kk.value))
    return res


NESTED = ("resources", "limits", "distribution", "settings", "objective", "retry_settings", "trial",
          "featurization", "training", "early_termination")


@fault_class("unknown-key-nested", limit=2)
def _unknown_key_nested(spec, rng):
    res = []
    for path, m in all_mappings(spec.root):
        if path and path[-1] in NESTED:
            for k, v in items(m):
                res.append(rename_key(spec, k, typo(rng, k.value, names(m)), "key of a nested mapping misspelt",
                                      field=".".join(map(str, path + (k.value,)))))
    return res


def required_sites(spec):
    """(mapping, key, value, label) of keys the SDK needs."""
    r = spec.root
    need = {"command-job": ["command", "environment"],
            "sweep-job": ["trial", "objective", "sampling_algorithm", "search_space"],
            "pipeline-job": ["jobs"], "automl-job": ["task", "training_data", "target_column_name"],
            "command-component": ["name", "command", "environment"]}[spec.kind]
    res = [(r, k, v, k.value) for k, v in items(r) if k.value in need]
    if spec.kind == "sweep-job":
        _, trial = get(r, "trial")
        res += [(trial, k, v, "trial." + k.value) for k, v in items(trial) if k.value in ("command", "environment")]
        _, obj = get(r, "objective")
        res += [(obj, k, v, "objective." + k.value) for k, v in items(obj) if k.value in ("goal", "primary_metric")]
    for name, st in steps(spec):
        kind = step_kind(st)
        want = {"inline-step": ["command", "environment"], "component-step": ["component"],
                "automl-step": ["task", "training_data", "target_column_name"],
                "parallel-step": ["task"], "spark-step": ["entry"]}.get(kind, [])
        res += [(st, k, v, "jobs.%s.%s" % (name.value, k.value)) for k, v in items(st) if k.value in want]
    return res


@fault_class("missing-required-key", limit=2)
def _missing_required_key(spec, rng):
    res = []
    for m, k, v, label in required_sites(spec):
        e = delete_entry(spec, k, v, m, "required key deleted", field=label)
        if e:
            res.append(e)
    return res


@fault_class("misspelt-required-key", limit=1)
def _misspelt_required_key(spec, rng):
    return [rename_key(spec, k, typo(rng, k.value, names(m)), "required key misspelt", field=label)
            for m, k, v, label in required_sites(spec)]


@fault_class("required-value-empty", limit=1)
def _required_value_empty(spec, rng):
    res = []
    for m, k, v, label in required_sites(spec):
        if one_line(spec, v) and v.start_mark.line == k.start_mark.line:
            a = k.end_mark.index
            b = v.end_mark.index
            res.append(Edit(a, spec.text[a:b], ":", "required key left without a value", field=label))
    return res


STRING_FIELDS = ("command", "display_name", "experiment_name", "description", "compute", "environment", "name")
MAPPING_FIELDS = ("tags", "environment_variables", "resources", "distribution", "limits", "settings", "inputs",
                  "outputs", "jobs", "objective", "search_space", "trial", "retry_settings")


@fault_class("wrong-type", limit=2)
def _wrong_type(spec, rng):
    res = []
    for path, m in all_mappings(spec.root):
        if path and path[-1] in ("inputs", "outputs", "search_space", "tags", "environment_variables"):
            continue  # their children are names chosen by the user
        for k, v in items(m):
            lab = ".".join(map(str, path + (k.value,)))
            if k.value in STRING_FIELDS and one_line(spec, v) and v.start_mark.line == k.start_mark.line:
                new = rng.choice(["[%s]" % spec.src(v), "{value: %s}" % spec.src(v)])
                res.append(replace_node(spec, v, new, "string field given a list or mapping", field=lab))
            elif k.value in MAPPING_FIELDS and isinstance(v, yaml.MappingNode) and v.flow_style is False:
                a = k.end_mark.index + 1  # just past the colon
                b = spec.block_end(k, v, items(m))
                new = " " + rng.choice(["none", "10", "default", "[a, b]"]) + "\n"
                res.append(Edit(a, spec.text[a:b], new, "mapping field given a scalar or list", field=lab))
    return res


def environment_bare(value, rng):
    v = value
    m = re.fullmatch(r"azureml:([^:@/]+)([:@].*)?", v)
    if m:
        return [m.group(1) + (m.group(2) or ""), m.group(1)]
    m = re.fullmatch(r"azureml://registries/[^/]+/environments/([^/]+)/(labels|versions)/(.+)", v)
    if m:
        return [m.group(1), m.group(1) + ("@" if m.group(2) == "labels" else ":") + m.group(3),
                "library/python:latest", "python:3.10-slim"]
    return []


@fault_class("environment-bare-name", limit=2)
def _environment_bare_name(spec, rng):
    res = []
    for place, v in environments(spec):
        for w in environment_bare(v.value, rng):
            res.append(replace_node(spec, v, w, "environment written without azureml:", field=place))
    return res


def step_port_faults(spec, rng, d):
    res = []
    for name, st in steps(spec):
        ck, comp = local_component(spec, st)
        if not isinstance(comp, dict):
            continue
        declared = list((comp.get(d) or {}).keys())
        mk, m = get(st, d)
        if mk is None:
            continue
        for k, v in items(m):
            w = typo(rng, k.value, declared)
            res.append(rename_key(spec, k, w, "step %s names a port its component does not declare (renamed)" % d,
                                  step=name.value, port=k.value, variant="rename"))
        ind = child_indent(spec, m) if items(m) else None
        if ind:
            new = rng.choice(["extra_" + d[:-1], "debug_" + d[:-1]])
            line = " " * ind + (new + ": 42" if d == "inputs" else new + ":")  # a literal / an empty output
            res.append(insert_line_after(spec, mk, line,
                                         "step %s names a port its component does not declare (added)" % d,
                                         step=name.value, port=new, variant="insert"))
    return res


@fault_class("step-undeclared-input", limit=3)
def _step_undeclared_input(spec, rng):
    return step_port_faults(spec, rng, "inputs")


@fault_class("step-undeclared-output", limit=3)
def _step_undeclared_output(spec, rng):
    return step_port_faults(spec, rng, "outputs")


def command_bindings(spec, prefixes):
    """(ctx, owner, ins, outs, label, start, end, expr) of bindings in command-like strings."""
    res = []
    for ctx, owner, ins, outs, texts in contexts(spec):
        for label, node in texts:
            for a, b, expr in bindings_in(spec, node):
                if expr.split(".")[0] in prefixes:
                    res.append((ctx, owner, ins, outs, label, a, b, expr))
    return res


@fault_class("parent-ref-in-inline-command", limit=3)
def _parent_ref_in_inline_command(spec, rng):
    res = []
    for ctx, owner, ins, outs, label, a, b, expr in command_bindings(spec, ("inputs", "outputs")):
        if ctx.startswith("inline-step:"):
            res.append(Edit(a, spec.text[a:b], "${{parent.%s}}" % expr, "inline step command binds to the parent",
                            step=ctx.split(":", 1)[1]))
    return res


@fault_class("sweep-search-space-as-input", limit=3)
def _sweep_search_space_as_input(spec, rng):
    res = []
    for ctx, owner, ins, outs, label, a, b, expr in command_bindings(spec, ("search_space",)):
        name = expr.split(".", 1)[1]
        if name not in names(ins):
            res.append(Edit(a, spec.text[a:b], "${{inputs.%s}}" % name,
                            "trial command binds a search-space parameter as an input"))
    return res


def undefined_ref(spec, rng, prefix):
    res = []
    for ctx, owner, ins, outs, label, a, b, expr in command_bindings(spec, (prefix,)):
        parts = expr.split(".")
        if len(parts) != 2:
            continue
        declared = names(ins) + names(outs)
        w = typo(rng, parts[1], declared)
        res.append(Edit(a, spec.text[a:b], "${{%s.%s}}" % (prefix, w), "binding names no %s" % prefix[:-1],
                        ctx=ctx.split(":")[0]))
    return res


@fault_class("undefined-input-ref", limit=2)
def _undefined_input_ref(spec, rng):
    return undefined_ref(spec, rng, "inputs")


@fault_class("undefined-output-ref", limit=2)
def _undefined_output_ref(spec, rng):
    return undefined_ref(spec, rng, "outputs")


def parent_ref_faults(spec, rng, kinds):
    res = []
    all_steps = {n.value: st for n, st in steps(spec)}
    for name, st in steps(spec):
        kind = step_kind(st)
        if kind not in kinds:
            continue
        for path, k, v in all_scalars(st):
            if not path or path[0] not in ("inputs", "outputs", "training_data", "validation_data", "test_data"):
                continue
            for a, b, expr in bindings_in(spec, v):
                parts = expr.split(".")
                if parts[0] != "parent":
                    continue
                if parts[1:2] == ["jobs"] and len(parts) >= 5:
                    which = rng.choice(["step", "output"])
                    if which == "step":
                        parts[2] = typo(rng, parts[2], list(all_steps))
                    else:
                        parts[4] = typo(rng, parts[4])
                    note = "binding names no %s" % which
                elif parts[1:2] in (["inputs"], ["outputs"]) and len(parts) == 3:
                    parts[2] = typo(rng, parts[2])
                    note = "binding names no parent %s" % parts[1][:-1]
                else:
                    continue
                res.append(Edit(a, spec.text[a:b], "${{%s}}" % ".".join(parts), note, step=name.value,
                                step_kind=kind))
    return res


@fault_class("undefined-parent-ref-command-step", limit=3)
def _undefined_parent_ref_command(spec, rng):
    """In the inputs/outputs of an inline command step."""
    return parent_ref_faults(spec, rng, ("inline-step",))


@fault_class("undefined-parent-ref-component-step", limit=3)
def _undefined_parent_ref_component(spec, rng):
    """In the inputs/outputs of a step that runs a `component:`."""
    return parent_ref_faults(spec, rng, ("component-step",))


@fault_class("undefined-parent-ref-typed-step", limit=3)
def _undefined_parent_ref_typed(spec, rng):
    """In the inputs/outputs/data of an inline automl, spark or parallel step."""
    return parent_ref_faults(spec, rng, ("automl-step", "spark-step", "parallel-step", "sweep-step"))


def uri_sites(spec, pattern):
    """(value node, match) for scalar values (not comments, not keys) matching pattern."""
    res = []
    for path, k, v in all_scalars(spec.root):
        if path and path[-1] == "$schema":
            continue
        if one_line(spec, v) or (is_scalar(v) and v.style in (">", "|")):
            s = spec.src(v)
            for m in re.finditer(pattern, s):
                res.append((v, m, ".".join(map(str, path))))
    return res


def uri_edit(spec, v, m, group_start, old, new, note, field):
    a = v.start_mark.index + group_start
    return Edit(a, old, new, note, field=field)


@fault_class("datastore-singular", limit=2)
def _datastore_singular(spec, rng):
    return [uri_edit(spec, v, m, m.start(), m.group(0), "azureml://datastore/", "azureml://datastore/ (singular)", f)
            for v, m, f in uri_sites(spec, r"azureml://datastores/")]


ASSET_FIELDS = ("environment", "path", "component", "model", "code")


def asset_refs(spec):
    return [(v, m, f) for v, m, f in uri_sites(spec, r"azureml:(?!//)([A-Za-z0-9_.-]+)([:@][A-Za-z0-9_.-]+)?")
            if f.split(".")[-1] in ASSET_FIELDS]


@fault_class("asset-ref-double-colon", limit=2)
def _asset_double_colon(spec, rng):
    res = []
    for v, m, f in asset_refs(spec):
        ver = m.group(2)
        new = "azureml:%s::%s" % (m.group(1), ver[1:] if ver and ver[0] == ":" else "1")
        res.append(uri_edit(spec, v, m, m.start(), m.group(0), new, "azureml:name::version", f))
    return res


@fault_class("asset-ref-three-parts", limit=2)
def _asset_three_parts(spec, rng):
    res = []
    for v, m, f in asset_refs(spec):
        ver = m.group(2)
        new = "azureml:%s:%s:%s" % (m.group(1), ver[1:] if ver else "1", rng.choice(["latest", "2", "prod"]))
        res.append(uri_edit(spec, v, m, m.start(), m.group(0), new, "azureml:a:b:c", f))
    return res


UNKNOWN_HEADS = {"registries": ["registry", "registires", "regs"], "datastores": ["datastors", "stores"],
                 "jobs": ["job", "runs"], "subscriptions": ["subscription"]}


@fault_class("azureml-unknown-head", limit=2)
def _azureml_unknown_head(spec, rng):
    res = []
    for v, m, f in uri_sites(spec, r"azureml://(registries|datastores|jobs|subscriptions)/"):
        new = "azureml://%s/" % rng.choice(UNKNOWN_HEADS[m.group(1)])
        res.append(uri_edit(spec, v, m, m.start(), m.group(0), new, "unknown azureml:// head", f))
    return res


@fault_class("scheme-typo", limit=2)
def _scheme_typo(spec, rng):
    res = []
    for v, m, f in uri_sites(spec, r"\b(https|wasbs)://"):
        if f.split(".")[-1] not in ("path", "environment", "image"):
            continue
        new = {"https": rng.choice(["htps", "htttps", "hhttps"]), "wasbs": rng.choice(["wasb5", "wabs"])}[m.group(1)]
        res.append(uri_edit(spec, v, m, m.start(), m.group(0), new + "://", "misspelt URL scheme", f))
    return res


@fault_class("schema-url-typo", limit=1)
def _schema_url_typo(spec, rng):
    k, v = get(spec.root, "$schema")
    if not plain(spec, v):
        return []
    s = v.value
    res = []
    if "/latest/" in s:
        res.append(Edit(v.start_mark.index + s.index("/latest/"), "/latest/", "/lates/", "$schema URL misspelt"))
    if s.startswith("https://"):
        res.append(Edit(v.start_mark.index, "https://", "htps://", "$schema URL scheme misspelt"))
    return res


@fault_class("date-in-string-field", limit=1)
def _date_in_string_field(spec, rng):
    res = []
    for path, k, v in all_scalars(spec.root):
        f = path[-1] if path else None
        parent = path[-2] if len(path) > 1 else None
        if not one_line(spec, v):
            continue
        if f in ("display_name", "description", "experiment_name", "version") or parent == "tags" or \
                (parent == "inputs" and len(path) == 2 and not spec.is_component and not is_binding(v)
                 and v.tag.endswith(":str")):
            res.append(replace_node(spec, v, rng.choice(["2024-01-01", "2023-12-31", "2025-06-30"]),
                                    "a date scalar in a string field", field=".".join(map(str, path))))
    return res


@fault_class("component-name-hyphen", limit=1)
def _component_name_hyphen(spec, rng):
    if not spec.is_component:
        return []
    _, n = get(spec.root, "name")
    if not plain(spec, n):
        return []
    w = n.value.replace("_", "-") if "_" in n.value else n.value[:3] + "-" + n.value[3:]
    return [replace_node(spec, n, w, "component name with '-'")]


@fault_class("missing-component-file", limit=3)
def _missing_component_file(spec, rng):
    res = []
    for name, st in steps(spec):
        ck, comp = local_component(spec, st)
        if ck is None:
            continue
        s = ck.value
        stem, ext = os.path.splitext(s)
        for new in (stem + "_v2" + ext, s.replace("components/", "component/"), stem + (".yml" if ext == ".yaml" else ".yaml")):
            p = new[5:] if new.startswith("file:") else new
            if new != s and not os.path.exists(os.path.join(spec.dir, p)):
                res.append(replace_node(spec, ck, new, "component file that does not exist", step=name.value))
    return res


@fault_class("missing-code-folder", limit=2)
def _missing_code_folder(spec, rng):
    res = []
    for path, k, v in all_scalars(spec.root):
        if path and path[-1] == "code" and one_line(spec, v) and not v.value.startswith(("azureml:", "git+", "http")):
            base = v.value.rstrip("/")
            new = base + rng.choice(["s", "_v2", "-old"])
            if base in (".", ""):
                new = "./srcs"
            if not os.path.exists(os.path.join(spec.dir, new)):
                res.append(replace_value_text(spec, v, new, "code folder that does not exist",
                                              field=".".join(map(str, path))))
    return res


@fault_class("duplicate-key", limit=2, expect="same-data")
def _duplicate_key(spec, rng):
    """The same key twice in one mapping. PyYAML keeps the last value, so the edit puts the extra
    line first: either a copy of the line, or the key with another value (that the SDK drops)."""
    res = []
    for path, m in all_mappings(spec.root):
        if m.flow_style:
            continue
        for k, v in items(m):
            ls = spec.line_start(k.start_mark.index)
            if one_line(spec, v) and v.start_mark.line == k.start_mark.line and \
                    spec.text[ls:k.start_mark.index].strip() == "":
                line = spec.text[ls:spec.line_end(k.start_mark.index)]
                if not line.endswith("\n"):
                    continue
                lab = ".".join(map(str, path + (k.value,)))
                res.append(Edit(ls, "", line, "key repeated (same value)", field=lab, variant="same"))
                other = spec.text[ls:v.start_mark.index] + typo(rng, v.value) + "\n"
                res.append(Edit(ls, "", other, "key repeated, the first value is dropped", field=lab,
                                variant="different"))
    return res


def key_lines(spec, indented=True):
    """Line starts of block-mapping keys (optionally only indented ones) outside flow collections."""
    res = []
    for path, m in all_mappings(spec.root):
        if m.flow_style:
            continue
        for k, v in items(m):
            ls = spec.line_start(k.start_mark.index)
            if spec.text[ls:k.start_mark.index].strip() == "" and (k.start_mark.column > 0 or not indented):
                res.append((ls, k, v, path))
    return res


@fault_class("yaml-tab-indent", limit=1, expect="syntax-error")
def _yaml_tab_indent(spec, rng):
    res = []
    for ls, k, v, path in key_lines(spec):
        ind = spec.text[ls:k.start_mark.index]
        res.append(Edit(ls, ind, "\t" * max(1, len(ind) // 2) if rng.random() < 0.5 else "\t",
                        "a tab indents a line", field=".".join(map(str, path + (k.value,)))))
    return res


@fault_class("yaml-unquoted-colon", limit=1, expect="syntax-error")
def _yaml_unquoted_colon(spec, rng):
    res = []
    for path, k, v in all_scalars(spec.root):
        if path and path[-1] in ("display_name", "description", "experiment_name") and plain(spec, v):
            words = v.value.split(" ")
            i = rng.randrange(1, len(words)) if len(words) > 1 else 1
            new = " ".join(words[:i]) + ": " + (" ".join(words[i:]) or "v2")
            res.append(replace_node(spec, v, new, "unquoted ': ' in a plain value", field=".".join(map(str, path))))
    return res


@fault_class("yaml-unclosed-flow", limit=1, expect="syntax-error")
def _yaml_unclosed_flow(spec, rng):
    res = []
    for path, k, v in all_scalars(spec.root):
        if k is not None and plain(spec, v) and v.start_mark.line == k.start_mark.line and not v.value.startswith("$"):
            res.append(Edit(v.start_mark.index, "", rng.choice(["[", "{"]), "unclosed flow collection",
                            field=".".join(map(str, path))))
    return res


@fault_class("yaml-bad-indent", limit=1, expect="syntax-error")
def _yaml_bad_indent(spec, rng):
    res = []
    lines = key_lines(spec, indented=False)
    for i, (ls, k, v, path) in enumerate(lines):
        # a key indented one space deeper than the key before it, whose value is a scalar
        prev = [x for x in lines if x[0] < ls]
        if not prev:
            continue
        pls, pk, pv, ppath = max(prev, key=lambda x: x[0])
        if one_line(spec, pv) and pk.start_mark.column == k.start_mark.column and pv.end_mark.line == k.start_mark.line - 1:
            res.append(Edit(ls, "", " ", "a key indented one space deeper than its sibling",
                            field=".".join(map(str, path + (k.value,)))))
    return res


@fault_class("legacy-code-local-path", limit=2)
def _legacy_code_local_path(spec, rng):
    res = []
    for path, k, v in all_scalars(spec.root):
        if path and path[-1] == "code" and plain(spec, v) and v.start_mark.line == k.start_mark.line:
            if rng.random() < 0.5:
                res.append(replace_node(spec, v, "{local_path: %s}" % v.value, "2021 form code: {local_path: ...}",
                                        field=".".join(map(str, path)), variant="flow"))
            else:
                ind = " " * (k.start_mark.column + 2)
                res.append(Edit(k.end_mark.index, spec.text[k.end_mark.index:v.end_mark.index],
                                ":\n%slocal_path: %s" % (ind, v.value), "2021 form code: {local_path: ...}",
                                field=".".join(map(str, path)), variant="block"))
    return res


@fault_class("legacy-input-dataset", limit=2)
def _legacy_input_dataset(spec, rng):
    res = []
    for place, d, k, v, _ in io_entries(spec):
        if place == "port":
            continue
        pk, pv = get(v, "path")
        if pk is not None:
            new = "dataset" if d == "inputs" and rng.random() < 0.6 else rng.choice(["data", "folder", "file"])
            res.append(rename_key(spec, pk, new, "2021 form: %s: instead of path:" % new, place=place, key=new))
    return res


@fault_class("legacy-brace-binding", limit=1)
def _legacy_brace_binding(spec, rng):
    return [Edit(a, spec.text[a:b], "{%s}" % expr, "2021 form {inputs.x}", ctx=ctx.split(":")[0])
            for ctx, owner, ins, outs, label, a, b, expr in command_bindings(spec, ("inputs", "outputs"))]


@fault_class("legacy-dollar-angle", limit=1)
def _legacy_dollar_angle(spec, rng):
    return [Edit(a, spec.text[a:b], "$<<%s>>" % expr, "$<<inputs.x>> form", ctx=ctx.split(":")[0])
            for ctx, owner, ins, outs, label, a, b, expr in command_bindings(spec, ("inputs", "outputs"))]


@fault_class("binding-spaces", limit=1)
def _binding_spaces(spec, rng):
    return [Edit(a, spec.text[a:b], "${{ %s }}" % expr, "spaces inside ${{ }} (valid)", ctx=ctx.split(":")[0])
            for ctx, owner, ins, outs, label, a, b, expr in command_bindings(spec, ("inputs", "outputs"))]


def command_start(spec, node):
    """Index of the first character of a command's content in the source."""
    if node.style in (">", "|"):
        first = spec.line_end(node.start_mark.index)
        j = first
        while j < len(spec.text) and spec.text[j] in " \t":
            j += 1
        return j
    if node.style in ("'", '"'):
        return node.start_mark.index + 1
    return node.start_mark.index


@fault_class("pip-install", limit=1)
def _pip_install(spec, rng):
    res = []
    for ctx, owner, ins, outs, texts in contexts(spec):
        for label, node in texts:
            if label.endswith("command") and is_scalar(node) and node.value:
                at = command_start(spec, node)
                res.append(Edit(at, "", "pip install %s && " % rng.choice(["pandas", "scikit-learn==1.5.0", "lightgbm"]),
                                "pip install in a command", ctx=ctx.split(":")[0]))
    return res


@fault_class("hardcoded-name", limit=1)
def _hardcoded_name(spec, rng):
    if spec.is_component or get(spec.root, "name")[0] is not None:
        return []
    return [insert_top_line(spec, "name: %s" % rng.choice(["my-training-run-1", "iris_run_01", "run42"]),
                            "hard-coded job name")]


SAS = "?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=" \
      "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eGFiY2Q%3D"


@fault_class("sas-token", limit=2)
def _sas_token(spec, rng):
    res = []
    for v, m, f in uri_sites(spec, r"https://[A-Za-z0-9.-]+\.blob\.core\.windows\.net/[^\s\"';]*"):
        a = v.start_mark.index + m.end()
        res.append(Edit(a, "", SAS, "SAS token in a URL", field=f))
    return res


@fault_class("invalid-step-name", limit=1)
def _invalid_step_name(spec, rng):
    res = []
    for name, st in steps(spec):
        if "parent.jobs.%s." % name.value in spec.text or "parent.jobs.%s}" % name.value in spec.text:
            continue
        w = name.value.replace("_", "-") if "_" in name.value else name.value + "-1"
        res.append(rename_key(spec, name, w, "step name that is not a Python identifier", step=name.value))
    return res


@fault_class("io-mode-wrong-direction", limit=2)
def _io_mode_wrong_direction(spec, rng):
    res = []
    for place, d, k, v, _ in io_entries(spec):
        if place == "port":
            continue
        _, mo = get(v, "mode")
        if plain(spec, mo):
            new = rng.choice(["upload", "rw_mount"]) if d == "inputs" else rng.choice(["ro_mount", "download"])
            if new != mo.value:
                res.append(replace_node(spec, mo, new, "%s mode used on an %s" % (new, d[:-1]), place=place))
    return res


@fault_class("compute-bare-name", limit=1)
def _compute_bare_name(spec, rng):
    res = []
    for path, k, v in all_scalars(spec.root):
        if path and path[-1] in ("compute", "default_compute") and plain(spec, v) and v.value.startswith("azureml:"):
            res.append(replace_node(spec, v, v.value[len("azureml:"):], "compute without azureml: (valid)",
                                    field=".".join(map(str, path))))
    return res


@fault_class("yes-no-boolean", limit=1, expect="same-data")
def _yes_no_boolean(spec, rng):
    res = []
    for p, k, v in all_scalars(spec.root):
        if plain(spec, v) and v.value in BOOL_WORDS and v.tag.endswith(":bool"):
            res.append(replace_node(spec, v, rng.choice(["yes", "on", "On"]) if v.value.lower() == "true"
                                    else rng.choice(["no", "off", "Off"]), "YAML 1.1 yes/no boolean",
                                    field=".".join(map(str, p))))
    return res


def top_line_breaks(spec):
    """Newlines that end a top-level `key: scalar` line (safe places to change a line ending)."""
    res = []
    for k, v in items(spec.root):
        if k.start_mark.column == 0 and one_line(spec, v) and v.start_mark.line == k.start_mark.line:
            e = spec.line_end(v.end_mark.index) - 1
            if e < len(spec.text) and spec.text[e] == "\n":
                res.append((e, k))
    return res


@fault_class("lone-cr", limit=1, expect="same-data")
def _lone_cr(spec, rng):
    return [Edit(e, "\n", "\r", "one line ends with a lone CR (old Mac)", field=k.value)
            for e, k in top_line_breaks(spec)]


@fault_class("crlf-line", limit=1, expect="same-data")
def _crlf_line(spec, rng):
    return [Edit(e, "\n", "\r\n", "one line ends with CRLF", field=k.value) for e, k in top_line_breaks(spec)]



# Keys whose deletion other classes already cover: ports, steps and search-space parameters (the
# undefined-*-ref classes bind to them; a binding left without its port is rejected by the service,
# not client-side), and a component's `name` (missing-required-key, with its exception).
KEY_DELETED_SKIP_PARENTS = ("inputs", "outputs", "jobs", "search_space")
KEY_DELETED_SKIP_KEYS = ("inputs", "outputs")


@fault_class("key-deleted", limit=2)
def _key_deleted(spec, rng):
    """Any mapping entry at any depth deleted (key line and value block): finds required keys
    that required_sites does not list (e.g. Spark `conf` sizes, sweep `limits.max_total_trials`)."""
    res = []

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if not is_scalar(k):
                    continue
                label = ".".join(map(str, path + (k.value,)))
                skip = (path and path[-1] in KEY_DELETED_SKIP_PARENTS) or k.value in KEY_DELETED_SKIP_KEYS or (
                    spec.is_component and not path and k.value == "name")
                if not skip:
                    e = delete_entry(spec, k, v, node, "mapping entry deleted", field=label)
                    if e:
                        res.append(e)
                walk(v, path + (k.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, path + (i,))

    walk(spec.root, ())
    return res

# ---------------------------------------------------------------------------------------------


def load_specs(corpus):
    """The job and component specs of the corpus that the SDK accepts as they are (a fault in a
    file that is rejected anyway would test nothing)."""
    rejected = set()
    with open(os.path.join(corpus, "sdk-verdicts.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["accepted"] is False:
                rejected.add(d["path"])
    rows = []
    with open(os.path.join(corpus, "classification.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] != "other" and row["path"].startswith("azureml-examples/") and row["path"] not in rejected:
                rows.append((row["path"], row["kind"]))
    return [Spec(corpus, p, k) for p, k in sorted(rows)]


def same(a, b):
    """Equal data with equal types (PyYAML's 2 == 2.0 == True would hide a changed scalar)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def check(spec, text, expect):
    """Does the faulted text do what its class means, as PyYAML (the SDK's loader) reads it?"""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return expect == "syntax-error"
    if expect == "syntax-error":
        return False
    if expect == "same-data":
        return same(data, spec.data)
    return isinstance(data, dict) and not same(data, spec.data)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--out", default=os.path.join(HERE, "faults.jsonl"))
    a = ap.parse_args(argv)
    specs = load_specs(a.corpus)
    out, dropped = [], {}
    for cls in CLASSES:
        n = 0
        for spec in specs:
            rng = random.Random("%d/%s/%s" % (SEED, cls["name"], spec.rel))
            cands = [e for e in cls["fn"](spec, rng) if e is not None]
            rng.shuffle(cands)
            taken = 0
            seen = set()
            for e in cands:
                if taken >= cls["limit"]:
                    break
                assert spec.text[e.start:e.start + len(e.frm)] == e.frm, (cls["name"], spec.rel, e.note)
                new = spec.text[:e.start] + e.to + spec.text[e.start + len(e.frm):]
                if new in seen:
                    continue
                if not check(spec, new, cls["expect"]):
                    dropped[cls["name"]] = dropped.get(cls["name"], 0) + 1
                    continue
                seen.add(new)
                taken += 1
                n += 1
                byte_off = len(spec.text[:e.start].encode("utf-8"))
                rec = {"id": "%s.%03d" % (cls["name"], n), "class": cls["name"], "file": spec.rel,
                       "kind": spec.kind, "line": spec.text.count("\n", 0, e.start) + 1, "offset": byte_off,
                       "from": e.frm, "to": e.to, "note": e.note}
                rec.update(e.extra)
                out.append(rec)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
    per = {}
    for rec in out:
        per[rec["class"]] = per.get(rec["class"], 0) + 1
    for c in CLASSES:
        sys.stderr.write("%-36s %4d%s\n" % (c["name"], per.get(c["name"], 0),
                                             "   (dropped %d)" % dropped[c["name"]] if c["name"] in dropped else ""))
    sys.stderr.write("%d faults in %d classes over %d files -> %s\n" % (len(out), len(per), len(specs), a.out))


if __name__ == "__main__":
    main(sys.argv[1:])
