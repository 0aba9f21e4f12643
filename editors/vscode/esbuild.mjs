// Bundles the extension and vscode-languageclient into one file, so the .vsix needs no
// node_modules. `vscode` is provided by the editor at run time. Mermaid's own browser build is
// copied beside it for the graph webview, which must not load anything from the network.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});

const mermaidDist = dirname(createRequire(import.meta.url).resolve('mermaid/package.json'));
mkdirSync('dist', { recursive: true });
copyFileSync(join(mermaidDist, 'dist', 'mermaid.min.js'), join('dist', 'mermaid.min.js'));
