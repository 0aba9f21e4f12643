#!/usr/bin/python3
"""The client-side checks `az ml job create` runs AFTER its first network call, replayed offline.

The SDK oracle (../shared/tools/sdk-oracle/verdict.py) stops where `JobOperations.create_or_update`
makes its first network call. Past that point, still on the client and before the job is
submitted, azure-ai-ml 1.34 rejects more files (read from its source, operations/_job_operations.py
and the entities it calls):

  command job  to_rest_job_object -> Command._to_job()._to_rest_object() -> CommandJob._validate():
               command and environment required, `${{inputs.x}}` in `command` must name an input
               (validate_inputs_for_command; `[...]`-optional and spaced bindings are not checked)
  sweep job    SweepJob._to_rest_object(): the same for `trial.command`, search-space names
               must be identifiers (validate_key_contains_allowed_characters), and a sweep without
               `search_space` fails (UnboundLocalError: its local `search_space` is never set)
  pipeline job _resolve_arm_id_or_upload_dependencies -> each node's anonymous component is
               registered through ComponentOperations.create_or_update(is_anonymous=True), which
               first runs ComponentOperations._validate(skip_remote_validation=True), i.e.
               component._validate(): e.g. "Invalid data binding expression" for a
               `${{parent.inputs.x}}` or an undeclared `${{inputs.x}}` in an inline step's command

Only these local checks are replayed; what needs the workspace (asset and compute lookups,
uploads) is not. Uses the oracle's SDK (same sys.path set-up, forked per file like the oracle).

Usage: submit_checks.py FILE...   (job specs; prints one JSON line per file:
       {"path", "accepted": true|false, "error": first lines or null})
"""
import importlib.util
import json
import os
import sys

ORACLE = os.environ.get("AMLLINT_SDK_ORACLE") or os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "tools", "sdk-oracle", "verdict.py"))


def load_oracle():
    spec = importlib.util.spec_from_file_location("sdk_oracle_verdict", ORACLE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # sets sys.path to the oracle's SDK; main() is not run
    return mod


def check_submit(oracle, path, nlines):
    """Runs in a forked child (oracle.run_forked). Returns dict(accepted, stage, error)."""
    from azure.ai.ml import load_job
    from azure.ai.ml.entities import Component, PipelineJob
    from azure.ai.ml.entities._builders import BaseNode, Command
    from azure.ai.ml.entities._job._input_output_helpers import (
        validate_inputs_for_command,
        validate_key_contains_allowed_characters,
    )
    from azure.ai.ml.entities._job.sweep.sweep_job import SweepJob

    errors = []
    try:
        job = load_job(source=path)
        if isinstance(job, Command):
            job._to_job()._validate()
        elif isinstance(job, SweepJob):
            job._override_missing_properties_from_trial()
            if job.trial is not None:
                validate_inputs_for_command(job.trial.command, job.inputs)
            # _to_rest_object assigns its local `search_space` only when the job has one, then
            # loops over it: a sweep without `search_space` fails there with UnboundLocalError.
            if job.search_space is None:
                errors.append("search_space: SweepJob._to_rest_object fails without one (UnboundLocalError)")
            for key in (job.search_space or {}):
                validate_key_contains_allowed_characters(key)
        elif isinstance(job, PipelineJob):
            for name, node in (job.jobs or {}).items():
                comp = getattr(node, "_component", None) if isinstance(node, BaseNode) else None
                if isinstance(comp, Component) and not comp.id:
                    comp._is_anonymous = True
                    res = comp._validate(raise_error=False)
                    errors += ["jobs.%s.%s" % (name, line) for line in oracle._diag_lines(res._errors)]
    except Exception as e:  # noqa: BLE001 - any exception means the CLI would fail here
        errors.append(oracle._summarize_exception(e, nlines))
    if errors:
        return dict(accepted=False, stage="submit", error="\n".join(errors[:nlines]))
    return dict(accepted=True, stage=None, error=None)


def main(argv):
    paths = [a for a in argv if a != "--"]
    oracle = load_oracle()
    os.environ.pop("AZURE_ML_CLI_PRIVATE_FEATURES_ENABLED", None)
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import azure.ai.ml  # noqa: F401
        from azure.ai.ml import load_job  # noqa: F401
    finally:
        os.dup2(saved, 2)
    # the oracle's fork-per-file runner calls its module-level check_one(path, kind, nlines)
    oracle.check_one = lambda path, kind, nlines: check_submit(oracle, path, nlines)
    for p in paths:
        res = oracle.run_forked(os.path.abspath(p), "job", 6, 90.0)
        sys.stdout.write(json.dumps({"path": p, "accepted": res.get("accepted"), "stage": res.get("stage"),
                                     "error": res.get("error")}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
