// The pipeline picture: `amllint graph` renders the Mermaid text of the current pipeline (the
// same core as the diagnostics: steps with errors marked, cycles drawn), and a webview shows it
// with the Mermaid bundled in the extension, so that nothing is fetched from the network. No
// `vscode` import here, so that the tests run it in Node.
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { dirname, join } from 'node:path';

// Where the .vsix carries the CLI and the Mermaid script, relative to the extension's folder.
export const bundledCli = ['bin', 'amllint'];
export const bundledMermaid = ['dist', 'mermaid.min.js'];

// `amllint.cli.path` when set; else the `amllint` beside the server that runs (the bundled one,
// or `amllint.server.path`: both binaries are installed side by side); else `amllint` on PATH.
export function cliCommand(cliPath: string, serverCommand: string, home = process.env.HOME ?? ''): string {
  let command = cliPath;
  if (!command && serverCommand.includes('/')) {
    const sibling = join(dirname(serverCommand), 'amllint');
    try {
      accessSync(sibling, fsConstants.X_OK);
      command = sibling;
    } catch {
      // not installed beside the server
    }
  }
  if (!command) command = 'amllint';
  if (command === '~' || command.startsWith('~/')) command = home + command.slice(1);
  return command;
}

export interface GraphResult {
  mermaid?: string; // the flowchart, when the file is a pipeline
  error?: string; // why there is none: not a pipeline, amllint missing, a timeout
}

// Runs `amllint graph` over the editor's text (unsaved edits included); `path` names the file so
// that components and `.amllint.yaml` resolve from its folder.
export function runGraph(command: string, path: string, text: string, timeoutMs = 10000): Promise<GraphResult> {
  return new Promise((resolve) => {
    const args = ['graph', '--format', 'mermaid', ...(path ? ['--stdin-filename', path] : []), '-'];
    let out = '';
    let err = '';
    let done = false;
    const finish = (r: GraphResult) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        resolve(r);
      }
    };
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: path ? dirname(path) : undefined });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ error: `amllint graph took longer than ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => finish({ error: `cannot run ${command}: ${e.message} (see amllint.cli.path)` }));
    child.on('close', (code) => {
      if (code === 0 && out.startsWith('flowchart')) finish({ mermaid: out });
      else finish({ error: (err.trim() || `amllint graph exited with ${code}`).replace(/^amllint: /, '') });
    });
    child.stdin.on('error', () => undefined); // the child may exit before reading everything
    child.stdin.end(text);
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface GraphPage {
  title: string;
  result: GraphResult;
  mermaidScript: string; // the webview URI of the bundled mermaid.min.js
  cspSource: string; // the webview's own origin, for the Content-Security-Policy
  nonce: string; // allows the one inline script
  dark: boolean;
}

// The webview's HTML. The policy admits scripts only from the extension (and the one inline
// script with the nonce) and no network at all; Mermaid reads the flowchart from the <pre> and
// draws it (strict security level: labels cannot run script).
export function graphHtml(p: GraphPage): string {
  const csp = [
    "default-src 'none'",
    `script-src ${p.cspSource} 'nonce-${p.nonce}'`,
    `style-src ${p.cspSource} 'unsafe-inline'`,
    `img-src ${p.cspSource} data:`,
    `font-src ${p.cspSource}`,
  ].join('; ');
  const body = p.result.mermaid
    ? `<pre class="mermaid">${escapeHtml(p.result.mermaid)}</pre>`
    : `<p class="error">${escapeHtml(p.result.error ?? 'no graph')}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
  .error { color: var(--vscode-errorForeground); }
  pre.mermaid { background: transparent; }
</style>
</head>
<body>
<h3>${escapeHtml(p.title)}</h3>
${body}
<script nonce="${p.nonce}" src="${escapeHtml(p.mermaidScript)}"></script>
<script nonce="${p.nonce}">
  mermaid.initialize({ startOnLoad: true, securityLevel: 'strict', theme: '${p.dark ? 'dark' : 'default'}' });
</script>
</body>
</html>
`;
}
