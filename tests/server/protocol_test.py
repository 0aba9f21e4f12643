#!/usr/bin/env python3
"""Whole LSP sessions against the real amlls binary over pipes.

Usage: protocol_test.py <amlls> <amllint>
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

AMLLS, AMLLINT = sys.argv[1], sys.argv[2]
CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus", "azureml-examples")

JOB = """$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
type: command
command: python train.py --epochs ${{inputs.epochs}}
inputs:
  epochs: 3
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:cpu-cluster
description: "caf\u00e9 \U0001F680 run"
distribution:
  type: pytorch
"""


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, *args, stderr=subprocess.DEVNULL):
        self.proc = subprocess.Popen([AMLLS, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=stderr)
        self.pending = []

    def write(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, *messages):
        # One write: the server reads a batch, so a cancel can overtake its request.
        self.write(b"".join(frame(dict(m, jsonrpc="2.0")) for m in messages))

    def read(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.proc.stdout.read(1)
            if not byte:
                raise EOFError("server closed its output")
            header += byte
        length = int(header.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def wait(self, predicate):
        for i, m in enumerate(self.pending):
            if predicate(m):
                return self.pending.pop(i)
        while True:
            m = self.read()
            if predicate(m):
                return m
            self.pending.append(m)

    def response(self, id_):
        return self.wait(lambda m: m.get("id") == id_ and "method" not in m)

    def diagnostics(self, uri, version):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)["params"]["diagnostics"]

    def initialize(self, capabilities=None):
        # The tests wait for diagnostics by version, so they say they read versions: the server
        # then publishes every analysed version, even with unchanged diagnostics.
        capabilities = dict(capabilities or {})
        capabilities.setdefault("textDocument", {}).setdefault("publishDiagnostics", {"versionSupport": True})
        self.send({"id": 1, "method": "initialize", "params": {"capabilities": capabilities}},
                  {"method": "initialized", "params": {}})
        return self.response(1)["result"]

    def open(self, uri, text, version=1):
        self.send({"method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}}})

    def change(self, uri, version, start, end, text):
        self.send({"method": "textDocument/didChange",
                   "params": {"textDocument": {"uri": uri, "version": version},
                              "contentChanges": [{"range": {"start": {"line": start[0], "character": start[1]},
                                                            "end": {"line": end[0], "character": end[1]}},
                                                  "text": text}]}})

    def finish(self, shutdown=True):
        if shutdown:
            self.send({"id": 999, "method": "shutdown"})
            assert self.response(999)["result"] is None
        self.send({"method": "exit"})
        code = self.proc.wait(timeout=10)
        self.proc.stdin.close()
        self.proc.stdout.close()
        return code


def codes(diags):
    return {d.get("code") for d in diags}


class Session(unittest.TestCase):
    def test_whole_session(self):
        c = Client("--stdio")
        caps = c.initialize()["capabilities"]
        self.assertEqual(caps["positionEncoding"], "utf-16")
        uri = "untitled:job.yml"
        c.open(uri, JOB)
        self.assertNotIn("unknown-key", codes(c.diagnostics(uri, 1)))
        # Typo a key, then fix it with the quick fix the server offers.
        c.change(uri, 2, (6, 0), (6, 7), "compuet")
        diags = c.diagnostics(uri, 2)
        self.assertIn("unknown-key", codes(diags))
        c.send({"id": 2, "method": "textDocument/codeAction",
                "params": {"textDocument": {"uri": uri}, "range": {"start": {"line": 6, "character": 1},
                                                                    "end": {"line": 6, "character": 1}},
                           "context": {"diagnostics": diags}}})
        actions = c.response(2)["result"]
        titles = [a["title"] for a in actions]
        self.assertTrue(any("Disable unknown-key" in t for t in titles), titles)
        # Features on the same document.
        c.send({"id": 3, "method": "textDocument/hover",
                "params": {"textDocument": {"uri": uri}, "position": {"line": 9, "character": 3}}},
               {"id": 4, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}},
               {"id": 5, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": uri}}})
        self.assertIn("type", c.response(3)["result"]["contents"]["value"])
        self.assertIn("inputs", [s["name"] for s in c.response(4)["result"]])
        self.assertTrue(c.response(5)["result"])
        # Positions after the emoji: UTF-16 counts it as two units ("run" starts at unit 22).
        c.change(uri, 3, (7, 22), (7, 25), "job")
        c.diagnostics(uri, 3)
        c.send({"id": 6, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}})
        desc = [s for s in c.response(6)["result"] if s["name"] == "description"][0]
        self.assertEqual(desc["detail"], "caf\u00e9 \U0001F680 job")
        c.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
        self.assertEqual(c.finish(), 0)

    def test_half_typed_document_still_completes(self):
        c = Client()
        c.initialize()
        uri = "untitled:half.yml"
        text = JOB + "resources:\n  instance_count: [1,\n  \n"
        c.open(uri, text)
        self.assertIn("syntax-error", codes(c.diagnostics(uri, 1)))
        c.send({"id": 2, "method": "textDocument/completion",
                "params": {"textDocument": {"uri": uri}, "position": {"line": 12, "character": 2}}})
        labels = {i["label"] for i in c.response(2)["result"]["items"]}
        self.assertIn("shm_size", labels)
        self.assertNotIn("instance_count", labels)
        self.assertEqual(c.finish(), 0)

    def test_cancel_malformed_and_lifecycle_errors(self):
        c = Client()
        c.send({"id": 1, "method": "textDocument/hover", "params": {}})
        self.assertEqual(c.response(1)["error"]["code"], -32002)
        c.initialize()
        c.write(b"Content-Length: 9\r\n\r\n{bad json")
        self.assertEqual(c.wait(lambda m: "error" in m and m.get("id") is None)["error"]["code"], -32700)
        c.write(b"Content-Length: nine\r\n\r\n")
        self.assertEqual(c.wait(lambda m: "error" in m and m.get("id") is None)["error"]["code"], -32700)
        c.send({"id": 2, "method": "workspace/symbol", "params": {"query": ""}})
        self.assertEqual(c.response(2)["error"]["code"], -32601)
        c.open("untitled:a.yml", JOB)
        c.send({"id": 3, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": "untitled:a.yml"}}},
               {"method": "$/cancelRequest", "params": {"id": 3}})
        self.assertEqual(c.response(3)["error"]["code"], -32800)
        c.send({"method": "$/setTrace", "params": {"value": "messages"}})
        self.assertEqual(c.finish(shutdown=False), 1)

    def test_utf8_client(self):
        c = Client()
        caps = c.initialize({"general": {"positionEncodings": ["utf-8", "utf-16"]}})["capabilities"]
        self.assertEqual(caps["positionEncoding"], "utf-8")
        uri = "untitled:u8.yml"
        c.open(uri, JOB)
        c.diagnostics(uri, 1)
        # "café 🚀 " is 12 bytes in UTF-8 ("description: \"" is 14 more).
        line = 'description: "caf\u00e9 \U0001F680 run"'
        start = len(line.encode()) - len(b'run"')
        c.change(uri, 2, (7, start), (7, start + 3), "job")
        c.diagnostics(uri, 2)
        c.send({"id": 2, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}})
        desc = [s for s in c.response(2)["result"] if s["name"] == "description"][0]
        self.assertEqual(desc["detail"], "caf\u00e9 \U0001F680 job")
        self.assertEqual(desc["range"]["end"]["character"], len(line.encode()))
        self.assertEqual(c.finish(), 0)

    def test_navigation_across_a_pipeline_and_its_component(self):
        tmp = tempfile.mkdtemp(prefix="amlls-nav-")
        try:
            os.makedirs(os.path.join(tmp, "src"))
            component = (
                "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\n"
                "type: command\n"
                "inputs:\n"
                "  data:\n"
                "    type: uri_folder\n"
                "outputs:\n"
                "  cleaned:\n"
                "    type: uri_folder\n"
                "command: python prep.py --in ${{inputs.data}} --out ${{outputs.cleaned}}\n"
                "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n")
            pipeline = (
                "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
                "type: pipeline\n"
                "inputs:\n"
                "  raw: ./data\n"
                "settings:\n"
                "  default_compute: azureml:cpu-cluster\n"
                "jobs:\n"
                "  prep:\n"
                "    component: ./prep.yml\n"
                "    inputs:\n"
                "      data: ${{parent.inputs.raw}}\n"
                "  use:\n"
                "    type: command\n"
                "    command: echo \"\U0001F680\" ${{inputs.x}}\n"
                "    environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
                "    code: ./src\n"
                "    inputs:\n"
                "      x: ${{parent.jobs.prep.outputs.cleaned}}\n")
            paths = {}
            for name, text in (("prep.yml", component), ("pipeline.yml", pipeline)):
                paths[name] = os.path.join(tmp, name)
                with open(paths[name], "w", encoding="utf-8") as f:
                    f.write(text)
            puri, curi = "file://" + paths["pipeline.yml"], "file://" + paths["prep.yml"]
            c = Client()
            caps = c.initialize()["capabilities"]
            self.assertTrue(caps["definitionProvider"] and caps["referencesProvider"])
            self.assertTrue(caps["renameProvider"]["prepareProvider"])
            legend = caps["semanticTokensProvider"]["legend"]["tokenTypes"]
            c.open(puri, pipeline)
            c.open(curi, component)
            c.diagnostics(puri, 1)
            pdoc = {"uri": puri}
            pos = lambda line, ch: {"line": line, "character": ch}
            # `cleaned` in the step binding -> its declaration in the component file.
            c.send({"id": 2, "method": "textDocument/definition",
                    "params": {"textDocument": pdoc, "position": pos(17, 38)}},
                   {"id": 3, "method": "textDocument/definition",
                    "params": {"textDocument": pdoc, "position": pos(8, 20)}},
                   {"id": 4, "method": "textDocument/references",
                    "params": {"textDocument": pdoc, "position": pos(7, 3),
                               "context": {"includeDeclaration": True}}})
            self.assertEqual(c.response(2)["result"],
                             [{"uri": curi, "range": {"start": pos(6, 2), "end": pos(6, 9)}}])
            self.assertEqual(c.response(3)["result"][0]["uri"], curi)
            self.assertEqual([r["range"]["start"] for r in c.response(4)["result"]], [pos(7, 2), pos(17, 24)])
            # Rename the pipeline input; a name with a dash is refused.
            c.send({"id": 5, "method": "textDocument/prepareRename",
                    "params": {"textDocument": pdoc, "position": pos(10, 31)}},
                   {"id": 6, "method": "textDocument/rename",
                    "params": {"textDocument": pdoc, "position": pos(10, 31), "newName": "raw_data"}},
                   {"id": 7, "method": "textDocument/rename",
                    "params": {"textDocument": pdoc, "position": pos(10, 31), "newName": "raw-data"}})
            self.assertEqual(c.response(5)["result"]["placeholder"], "raw")
            edits = c.response(6)["result"]["changes"][puri]
            self.assertEqual(sorted((e["range"]["start"]["line"], e["newText"]) for e in edits),
                             [(3, "raw_data"), (10, "raw_data")])
            self.assertEqual(c.response(7)["error"]["code"], -32602)
            # Semantic tokens: the emoji is two UTF-16 units, so `${{` starts at column 23, not 22.
            c.send({"id": 8, "method": "textDocument/semanticTokens/full", "params": {"textDocument": pdoc}})
            data = c.response(8)["result"]["data"]
            tokens, line, col = [], 0, 0
            for i in range(0, len(data), 5):
                col = col + data[i + 1] if data[i] == 0 else data[i + 1]
                line += data[i]
                tokens.append((line, col, data[i + 2], legend[data[i + 3]]))
            self.assertIn((13, 23, 3, "operator"), tokens)
            self.assertIn((13, 33, 1, "parameter"), tokens)
            self.assertIn((17, 24, 4, "function"), tokens)
            self.assertEqual(c.finish(), 0)
        finally:
            shutil.rmtree(tmp)

    def test_version_and_help(self):
        out = subprocess.run([AMLLS, "--version"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0)
        self.assertTrue(out.stdout.startswith("amlls "))
        out = subprocess.run([AMLLS, "--help"], capture_output=True, text=True)
        self.assertIn("--stdio", out.stdout)



def raw(body):
    body = body.encode() if isinstance(body, str) else body
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def status_kb(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return -1


class Hostile(unittest.TestCase):
    """Issue 9 over a real pipe: the server answers every valid request within a second whatever
    came before it, keeps its memory bounded, logs broken frames, and exits 0 after shutdown."""

    def test_hostile_session(self):
        log = tempfile.TemporaryFile()
        c = Client("--stdio", stderr=log)
        c.initialize()
        uri = "untitled:job.yml"
        c.open(uri, JOB)
        c.diagnostics(uri, 1)
        c.open("untitled:comma.yml", ",\n")  # once hung yaml-cpp for good
        latencies = {}
        next_id = [100]

        def valid_after(what):
            next_id[0] += 1
            start = time.monotonic()
            c.send({"id": next_id[0], "method": "textDocument/hover",
                    "params": {"textDocument": {"uri": uri}, "position": {"line": 6, "character": 2}}})
            r = c.response(next_id[0])
            latencies[what] = (time.monotonic() - start) * 1000
            self.assertIn("compute", r["result"]["contents"]["value"], what)

        valid_after("a start")
        c.write(raw('{"jsonrpc":"2.0","id":1,"method":1}'))
        self.assertEqual(c.response(1)["error"]["code"], -32600)
        valid_after("a non-string method")
        nested = "[" * 1000000 + "]" * 1000000
        c.write(raw('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":%s}}' % nested))
        valid_after("a million-deep cancel id")
        c.write(b"Content-Length: 18446744073709551576\r\n\r\n")
        junk = b"x" * (1 << 20)
        for _ in range(16):
            c.write(junk)
        valid_after("Content-Length 18446744073709551576 and 16 MiB of junk")
        c.write(b"Content-Length: -5\r\n\r\n{}")
        valid_after("a negative Content-Length")
        c.write(b'Content-Length: 2\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}')
        valid_after("a too-small Content-Length")
        c.write(b'Content-Length: 9999\r\n\r\n{"jsonrpc":"2.0","id":3,"method":"shutdown"}')
        valid_after("a too-large Content-Length")
        c.write(b'Content-Type: x\r\n\r\n{"jsonrpc":"2.0","id":4,"method":"shutdown"}')
        valid_after("a header without Content-Length")
        c.write(raw('{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":'
                    '{"uri":"untitled:job.yml"},"position":{"line":4294967302,"character":2}}}'))
        self.assertNotIn("compute", json.dumps(c.response(5)))
        c.write(raw('{"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":7}}'))
        self.assertEqual(c.response(6)["error"]["code"], -32602)
        # A lone surrogate in an edit: applied (as U+FFFD), so the next edit lands right.
        c.write(raw('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":'
                    '{"uri":"untitled:job.yml","version":2},"contentChanges":[{"range":{"start":'
                    '{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"# \\ud800\\n"}]}}'))
        c.change(uri, 3, (7, 0), (7, 7), "compute")  # `compute` is on line 7 now: a no-op edit
        self.assertNotIn("unknown-key", codes(c.diagnostics(uri, 3)))
        c.send({"id": 7, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}})
        names = {s["name"]: s["range"]["start"]["line"] for s in c.response(7)["result"]}
        self.assertEqual(names.get("compute"), 7, names)
        c.send({"id": 8, "method": "textDocument/documentSymbol",
                "params": {"textDocument": {"uri": "untitled:comma.yml"}}})
        self.assertIn("result", c.response(8))
        hwm = status_kb(c.proc.pid, "VmHWM:")
        self.assertEqual(c.finish(), 0)
        log.seek(0)
        stderr = log.read().decode(errors="replace")
        self.assertIn("18446744073709551576", stderr)
        self.assertIn("64 MiB", stderr)
        worst = max(latencies, key=latencies.get)
        print("\n  hostile session over a pipe: worst valid-request latency %.1f ms (after %s); "
              "amlls VmHWM %d kB" % (latencies[worst], worst, hwm), file=sys.stderr)
        for what, ms in latencies.items():
            self.assertLess(ms, 1000, what)
        self.assertLess(hwm, 200 * 1024)

    def test_exits_when_its_client_closes_stdin(self):
        c = Client("--stdio")
        c.initialize()
        c.open("untitled:comma.yml", ",\n")
        c.open("untitled:job.yml", JOB)
        start = time.monotonic()
        c.proc.stdin.close()
        code = c.proc.wait(timeout=5)
        elapsed = time.monotonic() - start
        c.proc.stdout.close()
        self.assertEqual(code, 1)  # no `exit`: the client is gone
        self.assertLess(elapsed, 1.0)

class SameAsCli(unittest.TestCase):
    """The server publishes exactly what amllint prints for the same file."""

    def test_corpus_files_and_a_faulty_one(self):
        files = []
        for root, _, names in os.walk(CORPUS):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith((".yml", ".yaml"))]
        if not files:
            self.skipTest("corpus not found at " + CORPUS)
        files = files[:: max(1, len(files) // 25)][:25]
        tmp = tempfile.mkdtemp()
        try:
            faulty = os.path.join(tmp, "faulty.yml")
            with open(faulty, "w") as f:
                f.write(JOB.replace("compute:", "compuet:").replace("pytorch", "pytorhc"))
            files.append(faulty)
            # Its kind cannot be read, but it mentions azureml: both faces show its syntax error
            # (the server used to drop it). A plain YAML file gets nothing from either.
            undetectable = os.path.join(tmp, "undetectable.yml")
            with open(undetectable, "w") as f:
                f.write("name: thing\nenvironment: azureml:foo:1\nbad: [unclosed\n")
            plain = os.path.join(tmp, "plain.yml")
            with open(plain, "w") as f:
                f.write("name: build\non: [push]\njobs: {}\n")
            files += [undetectable, plain]
            c = Client()
            c.initialize()
            compared = 0
            for i, path in enumerate(files):
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                uri = "file://" + os.path.abspath(path)
                c.open(uri, text)
                published = c.diagnostics(uri, 1)
                cli = subprocess.run([AMLLINT, "--format", "json", path], capture_output=True, text=True)
                printed = json.loads(cli.stdout)["diagnostics"]
                ours = sorted((d["range"]["start"]["line"], d.get("code"), d["message"]) for d in published)
                theirs = sorted((d["line"] - 1, d["code"], d["message"]) for d in printed)
                self.assertEqual(ours, theirs, path)
                if path == undetectable:
                    self.assertIn("syntax-error", codes(published))
                if path == plain:
                    self.assertEqual(ours, [])
                compared += len(ours)
                c.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
            self.assertGreater(compared, 0)
            self.assertEqual(c.finish(), 0)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
