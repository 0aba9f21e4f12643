// The launch module's pure parts: settings, command line, detection and rule levels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  guardedRequests,
  hasAzureMlSchema,
  initializationOptions,
  isAzureMlDocument,
  normalizeSettings,
  pathMatchesGlob,
  requestGuards,
  serverCommand,
} from '../src/serverLaunch';

test('settings from user JSON keep only well-formed entries', () => {
  const s = normalizeSettings({
    serverPath: ' /opt/amlls ',
    extraArgs: ['--x', 3],
    rules: { 'unknown-key': 'warning', 'missing-display-name': 'off', bad: 'loud', n: 1 },
    globs: ['jobs/*.yml', null],
    trace: 'verbose',
  });
  assert.deepEqual(s, {
    serverPath: '/opt/amlls',
    extraArgs: ['--x'],
    rules: { 'unknown-key': 'warning', 'missing-display-name': 'off' },
    globs: ['jobs/*.yml'],
    trace: 'verbose',
  });
  assert.equal(normalizeSettings({ trace: 'loud' }).trace, 'off');
});

test('the command line is amlls --stdio plus extra arguments', () => {
  assert.deepEqual(serverCommand(normalizeSettings({})), { command: 'amlls', args: ['--stdio'] });
  assert.deepEqual(serverCommand(normalizeSettings({ serverPath: '~/bin/amlls', extraArgs: ['-v'] }), '/home/u'), {
    command: '/home/u/bin/amlls',
    args: ['--stdio', '-v'],
  });
});

test('initialization options carry the rule levels, and nothing without any', () => {
  const s = normalizeSettings({ rules: { 'unknown-key': 'info' } });
  assert.deepEqual(initializationOptions(s), { rules: { 'unknown-key': 'info' } });
  // An empty `rules` would replace the project's .amllint.yaml with nothing.
  assert.deepEqual(initializationOptions(normalizeSettings({})), {});
});

test('an Azure ML $schema near the top marks a file', () => {
  assert.ok(hasAzureMlSchema('$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n'));
  assert.ok(hasAzureMlSchema('# c\r\n"$schema": "https://azuremlsdk2.blob.core.windows.net/x.json"'));
  assert.ok(hasAzureMlSchema('# yaml-language-server: $schema=https://azuremlschemas.azureedge.net/x\n'));
  assert.ok(!hasAzureMlSchema('$schema: https://json.schemastore.org/github-workflow.json\n'));
  assert.ok(!hasAzureMlSchema('description: see azureml docs\n'));
  assert.ok(!hasAzureMlSchema('a: 1\n'.repeat(60) + '$schema: https://azuremlschemas.azureedge.net/x\n'));
});

test('globs match like .gitignore, ** spans folders', () => {
  const cases: [string, string, boolean][] = [
    ['/r/jobs/a.yml', 'jobs/*.yml', true],
    ['/r/jobs/x/a.yml', 'jobs/*.yml', false],
    ['/r/jobs/x/a.yml', 'jobs/**/*.yml', true],
    ['/r/jobs/a.yml', 'jobs/**/*.yml', true],
    ['/r/jobsx', '**/x', false],
    ['/r/a.yml', '/r/*.yml', true],
    ['/q/r/a.yml', '/r/*.yml', false],
    ['/r/a.yaml', '*.yml', false],
    ['/r/a.b.yml', 'a?b.yml', true],
    ['C:\\r\\jobs\\a.yml', 'jobs/*.yml', true],
  ];
  for (const [path, glob, want] of cases) assert.equal(pathMatchesGlob(path, glob), want, `${glob} on ${path}`);
  assert.ok(pathMatchesGlob('/home/u/ml/a.yml', '~/ml/*.yml', '/home/u'));
  assert.ok(isAzureMlDocument('/r/jobs/a.yml', 'type: command\n', ['jobs/*.yml']));
  assert.ok(!isAzureMlDocument('/r/other/a.yml', 'type: command\n', ['jobs/*.yml']));
});

test('document requests reach the server only for documents it was given', async () => {
  const served = 'file:///r/jobs/train.yml';
  const guards = requestGuards((uri) => uri === served);
  assert.deepEqual(Object.keys(guards).sort(), guardedRequests.map((g) => g.middleware).sort());
  const doc = (uri: string) => ({ uri: { toString: () => uri } });
  for (const { middleware, emptyResult } of guardedRequests) {
    const guard = guards[middleware]!;
    const calls: unknown[][] = [];
    const next = (...args: unknown[]) => {
      calls.push(args);
      return 'from the server';
    };
    // A workflow file: answered here, empty, and the server never asked.
    assert.deepEqual(await guard(doc('file:///r/.github/workflows/ci.yml'), 'position', 'token', next), emptyResult, middleware);
    assert.equal(calls.length, 0, middleware);
    // An Azure ML file: passed on with its arguments.
    const azureMl = doc(served);
    assert.equal(await guard(azureMl, 'position', 'token', next), 'from the server', middleware);
    assert.deepEqual(calls, [[azureMl, 'position', 'token']], middleware);
  }
  // Pull diagnostics may name the document by its bare Uri.
  const pulled = guards.provideDiagnostics!;
  assert.deepEqual(pulled({ toString: () => 'file:///r/other.yml' }, undefined, 'token', () => 'server'), {
    kind: 'full',
    items: [],
  });
  assert.equal(pulled({ toString: () => served }, undefined, 'token', () => 'server'), 'server');
});
