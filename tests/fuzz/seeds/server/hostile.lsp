Content-Length: 83

{"id": 1, "method": "initialize", "params": {"capabilities": {}}, "jsonrpc": "2.0"}Content-Length: 57

{"method": "initialized", "params": {}, "jsonrpc": "2.0"}Content-Length: 35

{"jsonrpc":"2.0","id":2,"method":1}Content-Length: 18446744073709551576

{}Content-Type: x

{"jsonrpc":"2.0","id":3,"method":"shutdown"}Content-Length: -5

Content-Length: 2

{"jsonrpc"Content-Length: 468

{"method": "$/cancelRequest", "params": {"id": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}, "jsonrpc": "2.0"}Content-Length: 169

{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:a.yml", "languageId": "yaml", "version": 1, "text": "a: 1\n---\n,\n"}}, "jsonrpc": "2.0"}Content-Length: 173

{"id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "untitled:a.yml"}, "position": {"line": 4294967297, "character": 4294967296}}, "jsonrpc": "2.0"}Content-Length: 154

{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:a.yml","version":2},"contentChanges":[{"text":"x: \ud800"}]}}Content-Length: 160

{"id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "untitled:a.yml"}, "position": {"line": 0, "character": 3}}, "jsonrpc": "2.0"}Content-Length: 80

{"id": {"a": 1}, "method": "textDocument/hover", "params": [], "jsonrpc": "2.0"}Content-Length: 134

{"id": 6, "method": "textDocument/rename", "params": {"textDocument": {"uri": 7}, "position": "x", "newName": null}, "jsonrpc": "2.0"}