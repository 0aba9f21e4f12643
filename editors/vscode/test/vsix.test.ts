// The platform-specific .vsix as a user installs it: unpacked the way VS Code unpacks it, the
// server it carries is found by the extension's own lookup with no settings, and that exact
// binary is started and answers. Needs AMLLINT_VSIX (the package) and AMLLINT_CORPUS.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeResult,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { findBundledServer, initializationOptions, normalizeSettings, serverCommand } from '../src/serverLaunch';
import { extractZip, readZip, ZipEntry } from './zip';

const vsix = process.env.AMLLINT_VSIX;
const corpus = process.env.AMLLINT_CORPUS;
const skip = !vsix || !corpus ? 'AMLLINT_VSIX and AMLLINT_CORPUS are not set' : false;

describe('the linux-x64 .vsix', { skip }, () => {
  let work: string;
  let entries: ZipEntry[];
  let extensionDir: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'amllint-vsix-'));
    entries = readZip(readFileSync(vsix!));
    extractZip(entries, work);
    extensionDir = join(work, 'extension');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('is for linux-x64 and carries an executable amlls', () => {
    const manifest = readFileSync(join(work, 'extension.vsixmanifest'), 'utf8');
    assert.match(manifest, /TargetPlatform="linux-x64"/);
    const server = entries.find((e) => e.name === 'extension/bin/amlls');
    assert.ok(server, entries.map((e) => e.name).join(', '));
    assert.equal(server.mode & 0o111, 0o111, `mode ${server.mode.toString(8)}: VS Code would unpack it unexecutable`);
    assert.equal(server.data.subarray(0, 4).toString('latin1'), '\x7fELF');
    assert.ok(entries.some((e) => /^extension\/LICENSE/.test(e.name)), 'the licence is packed');
    assert.ok(!entries.some((e) => e.name.startsWith('extension/node_modules/') || e.name.startsWith('extension/src/')));
  });

  test('the extension finds the bundled server without settings; the setting overrides it', () => {
    const bundled = findBundledServer(extensionDir);
    assert.equal(bundled, join(extensionDir, 'bin', 'amlls'));
    assert.deepEqual(serverCommand(normalizeSettings({}), '/home/u', bundled), { command: bundled, args: ['--stdio'] });
    assert.equal(serverCommand(normalizeSettings({ serverPath: '/opt/amlls' }), '/home/u', bundled).command, '/opt/amlls');
    // Without a bundled server: `amlls` from PATH.
    assert.equal(findBundledServer(work), undefined);
    assert.equal(serverCommand(normalizeSettings({}), '/home/u', undefined).command, 'amlls');
    // An unpacker that dropped the mode: the lookup makes it executable again.
    chmodSync(bundled!, 0o644);
    assert.equal(findBundledServer(extensionDir), bundled);
    assert.equal(statSync(bundled!).mode & 0o111, 0o111);
  });

  test('the bundled server starts, reports its version and lints a file', async () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as { version: string };
    const settings = normalizeSettings({});
    const { command, args } = serverCommand(settings, undefined, findBundledServer(extensionDir));
    const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15000);
    try {
      const pushed = new Promise<PublishDiagnosticsParams>((resolve) =>
        conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
          if (p.diagnostics.length > 0) resolve(p);
        }),
      );
      conn.listen();
      const init = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: initializationOptions(settings),
      })) as InitializeResult;
      assert.equal(init.serverInfo?.name, 'amlls');
      assert.equal(init.serverInfo?.version, manifest.version, 'one version for the extension and its server');
      await conn.sendNotification('initialized', {});
      const path = join(work, 'job.yml');
      const text = readFileSync(join(corpus!, 'cli/jobs/basics/hello-world.yml'), 'utf8').replace(
        /^command:/m,
        'comand:',
      );
      assert.match(text, /^comand:/m);
      const uri = pathToFileURL(path).href;
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const report = await pushed;
      assert.equal(report.uri, uri);
      assert.ok(report.diagnostics.some((d) => d.code === 'unknown-key'), JSON.stringify(report.diagnostics));
      await conn.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
      await conn.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      clearTimeout(timer);
      conn.dispose();
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  });
});
