// The pipeline graph command without VS Code: which amllint it runs, what `amllint graph` gives
// for the editor's text, the webview page (no network, everything escaped), and the .vsix
// carrying both the CLI and Mermaid. Needs AMLLS (amllint is built beside it) and
// AMLLINT_CORPUS; the .vsix test also AMLLINT_VSIX.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundledCli, bundledMermaid, cliCommand, escapeHtml, graphHtml, runGraph } from '../src/graph';
import { extractZip, readZip } from './zip';

const amlls = process.env.AMLLS;
const corpus = process.env.AMLLINT_CORPUS;
const amllint = amlls ? join(dirname(amlls), 'amllint') : '';
const skip = !amlls || !corpus ? 'AMLLS and AMLLINT_CORPUS are not set' : false;

describe('amllint graph for the editor', { skip }, () => {
  test('the CLI is the setting, else the amllint beside the server, else amllint on PATH', () => {
    assert.equal(cliCommand('/opt/amllint', amlls!), '/opt/amllint');
    assert.equal(cliCommand('~/bin/amllint', amlls!, '/home/u'), '/home/u/bin/amllint');
    assert.equal(cliCommand('', amlls!), amllint);
    assert.equal(cliCommand('', '/nonexistent/amlls'), 'amllint');
    assert.equal(cliCommand('', 'amlls'), 'amllint');
  });

  test('a pipeline, unsaved text included, becomes a Mermaid flowchart', async () => {
    const path = join(corpus!, 'cli/jobs/pipelines/nyc-taxi/pipeline.yml');
    const text = readFileSync(path, 'utf8').replace('score_job:', 'scoring_job:');
    const r = await runGraph(amllint, path, text);
    assert.equal(r.error, undefined);
    assert.match(r.mermaid!, /^flowchart LR\n/);
    assert.match(r.mermaid!, /<b>scoring_job<\/b>/);
    assert.match(r.mermaid!, /s2 -->\|"model_output → model_input"\| s3/);
  });

  test('a file that is not a pipeline, or a missing amllint, says why', async () => {
    const job = join(corpus!, 'cli/jobs/basics/hello-world.yml');
    const notPipeline = await runGraph(amllint, job, readFileSync(job, 'utf8'));
    assert.equal(notPipeline.mermaid, undefined);
    assert.match(notPipeline.error!, /not a pipeline job or pipeline component \(command job\)/);
    const missing = await runGraph('/nonexistent/amllint', job, 'x: 1\n');
    assert.match(missing.error!, /cannot run \/nonexistent\/amllint: .*amllint\.cli\.path/);
  });

  test('a hanging amllint is stopped at the time limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amllint-graph-'));
    try {
      const slow = join(dir, 'amllint');
      writeFileSync(slow, '#!/bin/sh\nsleep 30\n');
      chmodSync(slow, 0o755);
      const started = Date.now();
      const r = await runGraph(slow, join(dir, 'p.yml'), 'x: 1\n', 300);
      assert.match(r.error!, /took longer than 0.3 s/);
      assert.ok(Date.now() - started < 5000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the page loads only the bundled Mermaid and escapes the flowchart', () => {
    const html = graphHtml({
      title: 'p<1>.yml',
      result: { mermaid: 'flowchart LR\n  s0["<b>a</b>"] -->|"x → y"| s1["</pre><script>alert(1)</script>"]\n' },
      mermaidScript: 'vscode-resource://ext/dist/mermaid.min.js',
      cspSource: 'vscode-resource:',
      nonce: 'abc',
      dark: false,
    });
    assert.match(html, /default-src 'none'; script-src vscode-resource: 'nonce-abc'/);
    assert.match(html, /<script nonce="abc" src="vscode-resource:\/\/ext\/dist\/mermaid.min.js"><\/script>/);
    assert.match(html, /<pre class="mermaid">flowchart LR\n {2}s0\[&quot;&lt;b&gt;a&lt;\/b&gt;&quot;\]/);
    assert.ok(!html.includes('<script>alert(1)'), 'a label cannot open a script');
    assert.ok(!/https?:\/\//.test(html), 'nothing is fetched from the network');
    assert.match(html, /<title>p&lt;1&gt;.yml<\/title>/);
    const error = graphHtml({
      title: 't',
      result: { error: 'x.yml: not a pipeline <job>' },
      mermaidScript: 'm.js',
      cspSource: 'c',
      nonce: 'n',
      dark: true,
    });
    assert.match(error, /<p class="error">x.yml: not a pipeline &lt;job&gt;<\/p>/);
    assert.match(error, /theme: 'dark'/);
    assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
  });
});

const vsix = process.env.AMLLINT_VSIX;
describe('the .vsix and the graph', { skip: !vsix || !corpus ? 'AMLLINT_VSIX and AMLLINT_CORPUS are not set' : false }, () => {
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'amllint-vsix-graph-'));
    extractZip(readZip(readFileSync(vsix!)), work);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('carries Mermaid and an amllint that draws the graph', async () => {
    const ext = join(work, 'extension');
    const mermaid = readFileSync(join(ext, ...bundledMermaid), 'utf8');
    assert.ok(mermaid.length > 100000 && mermaid.includes('flowchart'), 'the Mermaid browser build');
    const cli = join(ext, ...bundledCli);
    chmodSync(cli, 0o755);
    assert.equal(cliCommand('', join(ext, 'bin', 'amlls')), cli);
    const path = join(corpus!, 'cli/jobs/basics/hello-pipeline-io.yml');
    const r = await runGraph(cli, path, readFileSync(path, 'utf8'));
    assert.match(r.mermaid ?? r.error!, /s0 -->\|"world_output → world_input"\| s1/);
  });
});
