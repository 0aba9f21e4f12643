// How the extension starts amlls and which documents it hands over. Deliberately free of any
// `vscode` import: the Node tests launch the real server with exactly these values.

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

// `~` is the user's shell habit, not something spawn() understands.
export function serverCommand(settings: AmllintSettings, home = process.env.HOME ?? ''): ServerCommand {
  let command = settings.serverPath || 'amlls';
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
