// Launches the real amlls exactly as the extension does (serverCommand, initializationOptions)
// and talks LSP to it over stdio, once as a client that takes pushed diagnostics and once as
// VS Code does (pull diagnostics). Needs AMLLS (the binary) and AMLLINT_CORPUS.
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  ProtocolConnection,
  PublishDiagnosticsParams,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { guardedRequests, initializationOptions, normalizeSettings, serverCommand } from '../src/serverLaunch';

const amlls = process.env.AMLLS;
const corpus = process.env.AMLLINT_CORPUS;
const skip = !amlls || !corpus ? 'AMLLS and AMLLINT_CORPUS are not set' : false;

// Every wait is bounded: a silent server fails the test instead of hanging it.
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

interface Session {
  proc: ChildProcess;
  conn: ProtocolConnection;
  capabilities: Record<string, unknown>;
  pushed: Map<string, Diagnostic[]>;
  waiters: ((p: PublishDiagnosticsParams) => void)[];
}

// The rule level shows that the initialization options reach the server: an unknown key is
// otherwise an error.
const settings = normalizeSettings({
  serverPath: amlls,
  rules: { 'unknown-key': 'warning' },
});

// Servers still running when the tests end (a failed or hung one) are killed, so that a broken
// server fails the run instead of keeping Node alive.
const sessions = new Set<Session>();

function kill(s: Session): void {
  s.conn.dispose();
  if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  sessions.delete(s);
}

async function launch(pull: boolean): Promise<Session> {
  const { command, args } = serverCommand(settings);
  const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const session: Session = { proc, conn, capabilities: {}, pushed: new Map(), waiters: [] };
  sessions.add(session);
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    session.pushed.set(p.uri, p.diagnostics);
    for (const w of session.waiters.splice(0)) w(p);
  });
  conn.listen();
  // A missing binary or a crash at start fails at once rather than after the timeout.
  const died = new Promise<never>((_, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${command} exited with ${code} before initialize`)));
  });
  died.catch(() => undefined);
  const result = await within(
    5000,
    'initialize',
    Promise.race([
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: pull ? { textDocument: { diagnostic: { dynamicRegistration: false } } } : {},
        initializationOptions: initializationOptions(settings),
      }),
      died,
    ]),
  );
  const init = result as { serverInfo?: { name?: string }; capabilities: Record<string, unknown> };
  assert.equal(init.serverInfo?.name, 'amlls');
  session.capabilities = init.capabilities;
  await conn.sendNotification('initialized', {});
  return session;
}

async function shutdown(s: Session): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.proc.once('exit', (code) => resolve(code)));
  await within(5000, 'shutdown', s.conn.sendRequest('shutdown'));
  await s.conn.sendNotification('exit');
  const code = await within(5000, 'exit', exited);
  kill(s);
  return code;
}

function pushedFor(s: Session, uri: string): Promise<Diagnostic[]> {
  const have = s.pushed.get(uri);
  if (have) return Promise.resolve(have);
  return within(
    10000,
    `diagnostics for ${uri}`,
    new Promise<Diagnostic[]>((resolve) => {
      const wait = (p: PublishDiagnosticsParams) => (p.uri === uri ? resolve(p.diagnostics) : s.waiters.push(wait));
      s.waiters.push(wait);
    }),
  );
}

async function open(s: Session, path: string): Promise<string> {
  const uri = pathToFileURL(path).href;
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(path, 'utf8') },
  });
  return uri;
}

describe('amlls launched as the extension launches it', { skip }, () => {
  let work: string;
  let faulty: string;
  let valid: string;
  let faultLine: number;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'amllint-vscode-'));
    const iris = readFileSync(join(corpus!, 'cli/jobs/single-step/scikit-learn/iris/job.yml'), 'utf8');
    const seeded = iris.replace(/^display_name:/m, 'dispaly_name:');
    assert.notEqual(seeded, iris, 'the corpus file changed: cannot seed the fault');
    faultLine = seeded.split('\n').findIndex((l) => l.startsWith('dispaly_name:'));
    faulty = join(work, 'job.yml');
    valid = join(work, 'valid.yml');
    writeFileSync(faulty, seeded);
    writeFileSync(valid, iris);
    // The job's code folder, which must exist beside it (missing-referenced-path).
    cpSync(join(corpus!, 'cli/jobs/single-step/scikit-learn/iris/src'), join(work, 'src'), { recursive: true });
  });
  after(() => {
    for (const s of [...sessions]) kill(s);
    rmSync(work, { recursive: true, force: true });
  });

  test('pushes the seeded fault, and nothing for the valid file', async () => {
    const s = await launch(false);
    try {
      const faultyUri = await open(s, faulty);
      const validUri = await open(s, valid);
      const diagnostics = await pushedFor(s, faultyUri);
      const unknown = diagnostics.filter((d) => d.code === 'unknown-key');
      assert.equal(unknown.length, 1, JSON.stringify(diagnostics));
      assert.equal(unknown[0].range.start.line, faultLine);
      assert.equal(unknown[0].range.start.character, 0);
      assert.equal(unknown[0].severity, 2, 'the amllint.rules level applies');
      assert.equal(unknown[0].source, 'amllint');
      assert.match(unknown[0].message, /display_name/);
      assert.deepEqual(diagnostics.filter((d) => d.severity === 1), [], 'no error besides the seeded fault');
      const validErrors = (await pushedFor(s, validUri)).filter((d) => d.severity === 1);
      assert.deepEqual(validErrors, []);
    } finally {
      assert.equal(await shutdown(s), 0);
    }
  });

  test('every document request the server offers is kept from YAML that is not Azure ML', async () => {
    const s = await launch(true);
    try {
      // Capabilities that are not about one document: nothing to guard.
      const notPerDocument = new Set([
        'textDocumentSync',
        'workspace',
        'executeCommandProvider',
        'workspaceSymbolProvider',
        'positionEncoding',
        'experimental',
        'notebookDocumentSync',
      ]);
      const guarded = new Set(guardedRequests.map((g) => g.capability as string));
      const offered = Object.keys(s.capabilities).filter((c) => s.capabilities[c] && !notPerDocument.has(c));
      assert.ok(offered.includes('semanticTokensProvider') && offered.includes('foldingRangeProvider'), offered.join());
      assert.deepEqual(
        offered.filter((c) => !guarded.has(c)),
        [],
        'requests the client middleware would let through for any YAML file',
      );
    } finally {
      assert.equal(await shutdown(s), 0);
    }
  });

  test('answers pulls as VS Code makes them, and offers the quick fixes', async () => {
    const s = await launch(true);
    try {
      const uri = await open(s, faulty);
      const report = (await within(
        10000,
        'textDocument/diagnostic',
        s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }),
      )) as DocumentDiagnosticReport;
      assert.equal(report.kind, 'full');
      const unknown = report.kind === 'full' ? report.items.find((d) => d.code === 'unknown-key') : undefined;
      assert.ok(unknown, JSON.stringify(report));
      assert.equal(unknown.range.start.line, faultLine);
      // A client that pulls gets no pushes, or it would show every problem twice.
      assert.equal(s.pushed.size, 0);

      const actions = (await within(
        5000,
        'textDocument/codeAction',
        s.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: unknown.range,
          context: { diagnostics: [unknown], only: ['quickfix'] },
        }),
      )) as CodeAction[];
      const titles = actions.map((a) => a.title);
      const rename = actions.find((a) => /display_name/.test(a.title));
      assert.ok(rename?.edit?.changes?.[uri], JSON.stringify(titles));
      assert.deepEqual(rename.edit.changes[uri].map((e) => e.newText), ['display_name']);
      assert.ok(titles.includes('Disable unknown-key for this line'), JSON.stringify(titles));
    } finally {
      assert.equal(await shutdown(s), 0);
    }
  });
});
