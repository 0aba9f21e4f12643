#!/usr/bin/env python3
"""Writes seed inputs for server_fuzz: the byte stream of an LSP session over one document.

    make_server_seeds.py OUT_DIR FILE...   one session per YAML file, named after its hash

Each session initializes, opens the file, edits it, asks every feature at a few positions,
pulls diagnostics and cancels a request; the harness appends `shutdown` and `exit` itself.
"""
import hashlib
import json
import os
import sys


def frame(message):
    message["jsonrpc"] = "2.0"
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def session(text, uri="file:///fuzz/job.yml"):
    lines = text.split("\n")
    positions = [(0, 0)]
    for i in (len(lines) // 3, len(lines) // 2, len(lines) - 2):
        if 0 <= i < len(lines):
            positions.append((i, len(lines[i]) // 2))
    doc = {"textDocument": {"uri": uri}}
    out = [
        {"id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None,
                    "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                     "text": text}}},
    ]
    rid = 10
    for line, col in positions:
        pos = {"line": line, "character": col}
        for method, extra in (
            ("textDocument/hover", {}),
            ("textDocument/completion", {}),
            ("textDocument/definition", {}),
            ("textDocument/references", {"context": {"includeDeclaration": True}}),
            ("textDocument/prepareRename", {}),
            ("textDocument/rename", {"newName": "renamed"}),
        ):
            out.append({"id": rid, "method": method, "params": dict(doc, position=pos, **extra)})
            rid += 1
    end = {"line": len(lines), "character": 0}
    for method, extra in (
        ("textDocument/documentSymbol", {}),
        ("textDocument/foldingRange", {}),
        ("textDocument/documentLink", {}),
        ("textDocument/semanticTokens/full", {}),
        ("textDocument/diagnostic", {}),
        ("textDocument/codeAction",
         {"range": {"start": {"line": 0, "character": 0}, "end": end},
          "context": {"diagnostics": [], "only": ["quickfix", "source.fixAll.amllint"]}}),
    ):
        out.append({"id": rid, "method": method, "params": dict(doc, **extra)})
        rid += 1
    out.append({"method": "$/cancelRequest", "params": {"id": rid - 1}})
    out.append({"method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": 2},
                           "contentChanges": [
                               {"range": {"start": {"line": 1, "character": 0},
                                          "end": {"line": 1, "character": 0}},
                                "text": "# edited\n"}]}})
    out.append({"id": rid, "method": "textDocument/hover",
                "params": dict(doc, position={"line": 1, "character": 3})})
    out.append({"method": "textDocument/didClose", "params": doc})
    return b"".join(frame(m) for m in out)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8", errors="replace") as f:
            data = session(f.read())
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
