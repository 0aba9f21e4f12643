// The VS Code side of amllint: starts amlls over stdio for Azure ML YAML and wires its
// features, commands and status into the editor. How the server is launched, and which
// documents it gets, lives in serverLaunch.ts so that tests can use it without VS Code.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  DidOpenTextDocumentNotification,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import {
  AmllintSettings,
  documentSelector,
  findBundledServer,
  fixAllKind,
  initializationOptions,
  isAzureMlDocument,
  normalizeSettings,
  requestGuards,
  serverCommand,
} from './serverLaunch';
import { bundledCli, bundledMermaid, cliCommand, graphHtml, runGraph } from './graph';

let client: LanguageClient | undefined;
let settings: AmllintSettings;
let status: vscode.LanguageStatusItem;
// The amlls inside a platform-specific .vsix; undefined in one without it.
let bundled: string | undefined;
// Documents the server has been told about: only Azure ML YAML, not every YAML file.
const synced = new Set<string>();

let extensionPath = '';
// The pipeline picture: one panel, showing the document it was opened for, redrawn as it changes.
let graphPanel: vscode.WebviewPanel | undefined;
let graphDocument: vscode.TextDocument | undefined;
let graphTimer: ReturnType<typeof setTimeout> | undefined;

function readSettings(): AmllintSettings {
  const c = vscode.workspace.getConfiguration('amllint');
  return normalizeSettings({
    serverPath: c.get('server.path'),
    extraArgs: c.get('server.extraArgs'),
    rules: c.get('rules'),
    globs: c.get('globs'),
    trace: c.get('trace.server'),
  });
}

function isAzureMl(doc: vscode.TextDocument): boolean {
  return isAzureMlDocument(doc.uri.fsPath, doc.getText(), settings.globs);
}

function command(): { command: string; args: string[] } {
  return serverCommand(settings, undefined, bundled);
}

function createClient(output: vscode.OutputChannel): LanguageClient {
  const { command: executable, args } = command();
  // No `transport` on purpose: the client would append its own `--stdio` to our arguments.
  const serverOptions: ServerOptions = { command: executable, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // Settings reach the server here only: any change restarts it (see activate), which also
    // refreshes diagnostics that VS Code would otherwise keep until the next edit.
    initializationOptions: initializationOptions(settings),
    outputChannel: output,
    // Pull diagnostics only for documents the server was given (`true` filters a document out).
    diagnosticPullOptions: { filter: (doc) => !synced.has(doc.uri.toString()) },
    middleware: {
      // Every document request (diagnostics, symbols, folding, semantic tokens, code actions,
      // completion, …) for YAML that is not Azure ML is answered empty without the server.
      ...(requestGuards((uri) => synced.has(uri)) as Middleware),
      didOpen: async (doc, next) => {
        if (!isAzureMl(doc)) return;
        synced.add(doc.uri.toString());
        return next(doc);
      },
      didChange: async (event, next) => {
        const key = event.document.uri.toString();
        if (synced.has(key)) return next(event);
        // A `$schema` line was just added: introduce the document with its whole text.
        if (client && isAzureMl(event.document)) {
          synced.add(key);
          const d = event.document;
          await client.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: key, languageId: d.languageId, version: d.version, text: d.getText() },
          });
        }
      },
      didClose: async (doc, next) => {
        if (synced.delete(doc.uri.toString())) return next(doc);
      },
      didSave: async (doc, next) => {
        if (synced.has(doc.uri.toString())) return next(doc);
      },
    },
  };
  const c = new LanguageClient('amllint', 'amllint', serverOptions, clientOptions);
  c.onDidChangeState((e) => showState(e.newState));
  return c;
}

function showState(state: State): void {
  status.busy = state === State.Starting;
  status.command = { title: 'Restart', command: 'amllint.restartServer' };
  if (state === State.Running) {
    const version = client?.initializeResult?.serverInfo?.version;
    status.text = version ? `amllint ${version}` : 'amllint';
    status.detail = 'checking Azure ML YAML';
    status.severity = vscode.LanguageStatusSeverity.Information;
  } else if (state === State.Starting) {
    status.text = 'amllint';
    status.detail = 'starting';
  } else {
    status.text = 'amllint stopped';
    status.detail = `is \`${command().command}\` installed? See amllint.server.path`;
    status.severity = vscode.LanguageStatusSeverity.Error;
  }
}

async function start(output: vscode.OutputChannel): Promise<void> {
  settings = readSettings();
  synced.clear();
  client = createClient(output);
  try {
    await client.start();
  } catch (e) {
    showState(State.Stopped);
    void vscode.window.showErrorMessage(`amllint: could not start ${command().command}: ${e}`);
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) await c.stop();
}

async function restart(output: vscode.OutputChannel): Promise<void> {
  await stop();
  await start(output);
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client || !synced.has(editor.document.uri.toString())) {
    void vscode.window.showInformationMessage('amllint: this is not an Azure ML YAML file');
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    whole,
    fixAllKind,
  );
  const fix = actions?.find((a) => a.kind?.value === fixAllKind && a.edit);
  if (!fix?.edit) {
    void vscode.window.showInformationMessage('amllint: nothing to fix');
    return;
  }
  await vscode.workspace.applyEdit(fix.edit);
}

function graphCli(): string {
  const configured = vscode.workspace.getConfiguration('amllint').get<string>('cli.path') ?? '';
  const inVsix = join(extensionPath, ...bundledCli);
  // The CLI beside the bundled server, or beside amllint.server.path, or on PATH.
  return cliCommand(configured, bundled && !settings.serverPath ? inVsix : command().command);
}

async function renderGraph(): Promise<void> {
  const panel = graphPanel;
  const doc = graphDocument;
  if (!panel || !doc) return;
  const result = await runGraph(graphCli(), doc.uri.scheme === 'file' ? doc.uri.fsPath : '', doc.getText());
  if (panel !== graphPanel) return; // closed or reopened meanwhile
  const name = doc.uri.path.split('/').pop() ?? 'pipeline';
  const dark = [vscode.ColorThemeKind.Dark, vscode.ColorThemeKind.HighContrast].includes(
    vscode.window.activeColorTheme.kind,
  );
  panel.title = `Graph: ${name}`;
  panel.webview.html = graphHtml({
    title: name,
    result,
    mermaidScript: panel.webview.asWebviewUri(vscode.Uri.file(join(extensionPath, ...bundledMermaid))).toString(),
    cspSource: panel.webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    dark,
  });
}

function showGraph(): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') {
    void vscode.window.showInformationMessage('amllint: open a pipeline YAML file first');
    return;
  }
  graphDocument = editor.document;
  if (!graphPanel) {
    graphPanel = vscode.window.createWebviewPanel('amllint.graph', 'Pipeline graph', vscode.ViewColumn.Beside, {
      enableScripts: true,
      // Only the extension's own files (the bundled Mermaid) may be loaded.
      localResourceRoots: [vscode.Uri.file(join(extensionPath, 'dist'))],
    });
    graphPanel.onDidDispose(() => {
      graphPanel = undefined;
      graphDocument = undefined;
    });
  } else {
    graphPanel.reveal(vscode.ViewColumn.Beside, true);
  }
  void renderGraph();
}

function redrawGraphSoon(doc: vscode.TextDocument): void {
  if (!graphPanel || doc !== graphDocument) return;
  if (graphTimer) clearTimeout(graphTimer);
  graphTimer = setTimeout(() => void renderGraph(), 500);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  const output = vscode.window.createOutputChannel('amllint');
  bundled = findBundledServer(context.extensionPath);
  status = vscode.languages.createLanguageStatusItem('amllint.status', documentSelector);
  status.name = 'amllint';
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('amllint.restartServer', () => restart(output)),
    vscode.commands.registerCommand('amllint.fixAll', fixAll),
    vscode.commands.registerCommand('amllint.showGraph', showGraph),
    vscode.workspace.onDidChangeTextDocument((e) => redrawGraphSoon(e.document)),
    { dispose: () => graphPanel?.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The trace level is applied by the client itself; everything else needs a new server.
      const relevant = ['amllint.server', 'amllint.rules', 'amllint.globs'];
      if (relevant.some((s) => e.affectsConfiguration(s))) void restart(output);
    }),
  );
  await start(output);
}

export function deactivate(): Promise<void> {
  return stop();
}
