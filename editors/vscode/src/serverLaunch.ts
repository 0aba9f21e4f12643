// How the extension starts amlls and which documents it hands over. Deliberately free of any
// `vscode` import: the Node tests launch the real server with exactly these values.
import { accessSync, chmodSync, constants as fsConstants, statSync } from 'node:fs';
import { join } from 'node:path';
// Types only, erased from the JavaScript: the tests load this module without VS Code.
import type { Middleware, ServerCapabilities } from 'vscode-languageclient';

export type RuleLevel = 'error' | 'warning' | 'info' | 'off';
export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface AmllintSettings {
  serverPath: string;
  extraArgs: string[];
  rules: Record<string, RuleLevel>;
  globs: string[];
  trace: TraceLevel;
}

export const defaultSettings: AmllintSettings = {
  serverPath: '',
  extraArgs: [],
  rules: {},
  globs: [],
  trace: 'off',
};

export interface ServerCommand {
  command: string;
  args: string[];
}

const ruleLevels: readonly string[] = ['error', 'warning', 'info', 'off'];

// Settings arrive from user JSON: keep only well-formed entries.
export function normalizeSettings(raw: Partial<Record<keyof AmllintSettings, unknown>>): AmllintSettings {
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  const rules: Record<string, RuleLevel> = {};
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [code, level] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && ruleLevels.includes(level)) rules[code] = level as RuleLevel;
    }
  }
  const trace = typeof raw.trace === 'string' && ['messages', 'verbose'].includes(raw.trace) ? raw.trace : 'off';
  return {
    serverPath: typeof raw.serverPath === 'string' ? raw.serverPath.trim() : '',
    extraArgs: strings(raw.extraArgs),
    rules,
    globs: strings(raw.globs),
    trace: trace as TraceLevel,
  };
}

// Where a platform-specific .vsix (`vsce package --target linux-x64`) carries the server,
// relative to the extension's folder.
export const bundledServer = ['bin', 'amlls'];

// The server inside this copy of the extension, or undefined for a .vsix without one. VS Code
// keeps the file mode stored in the .vsix; should an unpacker have dropped it, the file is made
// executable again (when the folder is writable).
export function findBundledServer(extensionDir: string): string | undefined {
  const path = join(extensionDir, ...bundledServer);
  try {
    const mode = statSync(path).mode;
    if ((mode & 0o111) === 0) chmodSync(path, mode | 0o755);
    accessSync(path, fsConstants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

// `amllint.server.path` when set; else the bundled server; else `amlls` from PATH. `~` is the
// user's shell habit, not something spawn() understands.
export function serverCommand(
  settings: AmllintSettings,
  home = process.env.HOME ?? '',
  bundled?: string,
): ServerCommand {
  let command = settings.serverPath || bundled || 'amlls';
  if (command === '~' || command.startsWith('~/')) command = home + command.slice(1);
  return { command, args: ['--stdio', ...settings.extraArgs] };
}

// What the server receives in `initialize`. Rule levels given here replace the project's
// `.amllint.yaml` rules, so without any the object stays empty and `.amllint.yaml` applies.
export function initializationOptions(settings: AmllintSettings): { rules?: Record<string, RuleLevel> } {
  return Object.keys(settings.rules).length > 0 ? { rules: { ...settings.rules } } : {};
}

// Detection shared with the Neovim plugin: an Azure ML `$schema` near the top of the file
// (as a key or a yaml-language-server modeline).
export const detectionLines = 50;

export function hasAzureMlSchema(text: string): boolean {
  const lines = text.split(/\r?\n/, detectionLines);
  return lines.some((line) => {
    const lower = line.toLowerCase();
    if (!lower.includes('azureml')) return false;
    return /^\s*["']?\$schema["']?\s*:/.test(lower) || /^\s*#\s*yaml-language-server:\s*\$schema=/.test(lower);
  });
}

function segmentRegExp(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : '\\' + c));
  return new RegExp('^' + body + '$');
}

function matchSegments(glob: string[], gi: number, path: string[], pi: number): boolean {
  if (gi === glob.length) return pi === path.length;
  if (glob[gi] === '**') {
    for (let skip = pi; skip <= path.length; skip++) if (matchSegments(glob, gi + 1, path, skip)) return true;
    return false;
  }
  return pi < path.length && segmentRegExp(glob[gi]).test(path[pi]) && matchSegments(glob, gi + 1, path, pi + 1);
}

// An absolute glob must match the whole path; a relative one matches the path's tail from a
// folder boundary, as in .gitignore (`jobs/*.yml` matches `/repo/jobs/a.yml`).
export function pathMatchesGlob(path: string, glob: string, home = process.env.HOME ?? ''): boolean {
  if (glob.startsWith('~/')) glob = home + glob.slice(1);
  const split = (p: string) => p.replace(/\\/g, '/').split('/').filter((s) => s.length > 0);
  const g = split(glob);
  const p = split(path);
  if (glob.startsWith('/')) return matchSegments(g, 0, p, 0);
  for (let start = 0; start < p.length; start++) if (matchSegments(g, 0, p, start)) return true;
  return false;
}

export function isAzureMlDocument(path: string, text: string, globs: string[]): boolean {
  return globs.some((g) => pathMatchesGlob(path, g)) || hasAzureMlSchema(text);
}

// The languages and schemes the client listens to; the detection above narrows it further.
export const documentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
];

export const fixAllKind = 'source.fixAll.amllint';

// Requests for a document the server was never given (YAML that is not Azure ML) are answered
// here, empty, instead of reaching the server: one guard per document-scoped request the server
// offers. `emptyResult` is what the editor gets instead.
export interface GuardedRequest {
  middleware: keyof Middleware;
  capability: keyof ServerCapabilities; // what the server announces to get the request
  emptyResult: unknown;
}

export const guardedRequests: readonly GuardedRequest[] = [
  { middleware: 'provideDiagnostics', capability: 'diagnosticProvider', emptyResult: { kind: 'full', items: [] } },
  { middleware: 'provideCompletionItem', capability: 'completionProvider', emptyResult: [] },
  { middleware: 'provideHover', capability: 'hoverProvider', emptyResult: undefined },
  { middleware: 'provideDefinition', capability: 'definitionProvider', emptyResult: undefined },
  { middleware: 'provideDeclaration', capability: 'declarationProvider', emptyResult: undefined },
  { middleware: 'provideTypeDefinition', capability: 'typeDefinitionProvider', emptyResult: undefined },
  { middleware: 'provideImplementation', capability: 'implementationProvider', emptyResult: undefined },
  { middleware: 'provideReferences', capability: 'referencesProvider', emptyResult: [] },
  { middleware: 'provideDocumentHighlights', capability: 'documentHighlightProvider', emptyResult: [] },
  { middleware: 'prepareRename', capability: 'renameProvider', emptyResult: undefined },
  { middleware: 'provideRenameEdits', capability: 'renameProvider', emptyResult: undefined },
  { middleware: 'provideDocumentSymbols', capability: 'documentSymbolProvider', emptyResult: [] },
  { middleware: 'provideCodeActions', capability: 'codeActionProvider', emptyResult: [] },
  { middleware: 'provideDocumentLinks', capability: 'documentLinkProvider', emptyResult: [] },
  { middleware: 'provideFoldingRanges', capability: 'foldingRangeProvider', emptyResult: [] },
  { middleware: 'provideDocumentSemanticTokens', capability: 'semanticTokensProvider', emptyResult: undefined },
  { middleware: 'provideDocumentSemanticTokensEdits', capability: 'semanticTokensProvider', emptyResult: undefined },
  { middleware: 'provideDocumentRangeSemanticTokens', capability: 'semanticTokensProvider', emptyResult: undefined },
  { middleware: 'provideSignatureHelp', capability: 'signatureHelpProvider', emptyResult: undefined },
  { middleware: 'provideDocumentFormattingEdits', capability: 'documentFormattingProvider', emptyResult: [] },
  { middleware: 'provideDocumentRangeFormattingEdits', capability: 'documentRangeFormattingProvider', emptyResult: [] },
  { middleware: 'provideOnTypeFormattingEdits', capability: 'documentOnTypeFormattingProvider', emptyResult: [] },
  { middleware: 'provideLinkedEditingRange', capability: 'linkedEditingRangeProvider', emptyResult: undefined },
  { middleware: 'provideDocumentColors', capability: 'colorProvider', emptyResult: [] },
  { middleware: 'provideInlayHints', capability: 'inlayHintProvider', emptyResult: [] },
  { middleware: 'provideCodeLenses', capability: 'codeLensProvider', emptyResult: [] },
  { middleware: 'provideSelectionRanges', capability: 'selectionRangeProvider', emptyResult: [] },
];

// A document as the middleware receives it (a TextDocument), or a bare Uri (pull diagnostics).
type DocumentOrUri = { uri: { toString(): string } } | { toString(): string };

function uriOf(doc: DocumentOrUri): string {
  return 'uri' in doc ? doc.uri.toString() : doc.toString();
}

export type Guard = (doc: DocumentOrUri, ...rest: unknown[]) => unknown;

// The middleware functions: each calls `next` (its last argument) only for documents that
// `isServed` accepts (by URI string).
export function requestGuards(isServed: (uri: string) => boolean): Partial<Record<keyof Middleware, Guard>> {
  const guards: Partial<Record<keyof Middleware, Guard>> = {};
  for (const { middleware, emptyResult } of guardedRequests) {
    guards[middleware] = (doc, ...rest) => {
      const next = rest.pop() as (...args: unknown[]) => unknown;
      return isServed(uriOf(doc)) ? next(doc, ...rest) : emptyResult;
    };
  }
  return guards;
}
