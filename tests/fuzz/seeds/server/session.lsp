Content-Length: 163

{"id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}, "jsonrpc": "2.0"}Content-Length: 57

{"method": "initialized", "params": {}, "jsonrpc": "2.0"}Content-Length: 940

{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///fuzz/job.yml", "languageId": "yaml", "version": 1, "text": "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\ncode: ./src\ncommand: >-\n  python train.py --data ${{inputs.data}}\n  $[[--lr ${{inputs.lr}}]] --out ${{outputs.out}}\ninputs:\n  data:\n    type: uri_file\n    path: azureml://datastores/workspaceblobstore/paths/iris.csv\n  lr: 0.01\noutputs:\n  out: {type: uri_folder, mode: rw_mount}\nenvironment_variables:\n  DEBUG: on\n  KEY: \"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZab==;EndpointSuffix=core.windows.net\"\nenvironment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\ncompute: azureml:cpu-cluster\nresources: {instance_count: 2}\ndistribution: {type: pytorch, process_count_per_instance: 2}\n"}}, "jsonrpc": "2.0"}Content-Length: 162

{"id": 10, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 0, "character": 0}}, "jsonrpc": "2.0"}Content-Length: 167

{"id": 11, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 0, "character": 0}}, "jsonrpc": "2.0"}Content-Length: 167

{"id": 12, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 0, "character": 0}}, "jsonrpc": "2.0"}Content-Length: 208

{"id": 13, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 0, "character": 0}, "context": {"includeDeclaration": true}}, "jsonrpc": "2.0"}Content-Length: 170

{"id": 14, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 0, "character": 0}}, "jsonrpc": "2.0"}Content-Length: 185

{"id": 15, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 0, "character": 0}, "newName": "renamed"}, "jsonrpc": "2.0"}Content-Length: 162

{"id": 16, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 7, "character": 3}}, "jsonrpc": "2.0"}Content-Length: 167

{"id": 17, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 7, "character": 3}}, "jsonrpc": "2.0"}Content-Length: 167

{"id": 18, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 7, "character": 3}}, "jsonrpc": "2.0"}Content-Length: 208

{"id": 19, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 7, "character": 3}, "context": {"includeDeclaration": true}}, "jsonrpc": "2.0"}Content-Length: 170

{"id": 20, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 7, "character": 3}}, "jsonrpc": "2.0"}Content-Length: 185

{"id": 21, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 7, "character": 3}, "newName": "renamed"}, "jsonrpc": "2.0"}Content-Length: 163

{"id": 22, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 10, "character": 5}}, "jsonrpc": "2.0"}Content-Length: 168

{"id": 23, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 10, "character": 5}}, "jsonrpc": "2.0"}Content-Length: 168

{"id": 24, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 10, "character": 5}}, "jsonrpc": "2.0"}Content-Length: 209

{"id": 25, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 10, "character": 5}, "context": {"includeDeclaration": true}}, "jsonrpc": "2.0"}Content-Length: 171

{"id": 26, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 10, "character": 5}}, "jsonrpc": "2.0"}Content-Length: 186

{"id": 27, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 10, "character": 5}, "newName": "renamed"}, "jsonrpc": "2.0"}Content-Length: 164

{"id": 28, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 19, "character": 30}}, "jsonrpc": "2.0"}Content-Length: 169

{"id": 29, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 19, "character": 30}}, "jsonrpc": "2.0"}Content-Length: 169

{"id": 30, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 19, "character": 30}}, "jsonrpc": "2.0"}Content-Length: 210

{"id": 31, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 19, "character": 30}, "context": {"includeDeclaration": true}}, "jsonrpc": "2.0"}Content-Length: 172

{"id": 32, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 19, "character": 30}}, "jsonrpc": "2.0"}Content-Length: 187

{"id": 33, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 19, "character": 30}, "newName": "renamed"}, "jsonrpc": "2.0"}Content-Length: 130

{"id": 34, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}}, "jsonrpc": "2.0"}Content-Length: 128

{"id": 35, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}}, "jsonrpc": "2.0"}Content-Length: 128

{"id": 36, "method": "textDocument/documentLink", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}}, "jsonrpc": "2.0"}Content-Length: 135

{"id": 37, "method": "textDocument/semanticTokens/full", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}}, "jsonrpc": "2.0"}Content-Length: 126

{"id": 38, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}}, "jsonrpc": "2.0"}Content-Length: 291

{"id": 39, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 21, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix", "source.fixAll.amllint"]}}, "jsonrpc": "2.0"}Content-Length: 69

{"method": "$/cancelRequest", "params": {"id": 39}, "jsonrpc": "2.0"}Content-Length: 258

{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///fuzz/job.yml", "version": 2}, "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "# edited\n"}]}, "jsonrpc": "2.0"}Content-Length: 162

{"id": 40, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}, "position": {"line": 1, "character": 3}}, "jsonrpc": "2.0"}Content-Length: 114

{"method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///fuzz/job.yml"}}, "jsonrpc": "2.0"}