import { createHash } from 'node:crypto';
import type { OutputBundle, RollupOutput } from 'rollup';

/**
 * The hashed files an offline start of a page needs: the entry chunk its HTML links to, with
 * the chunks, styles and assets it pulls in (from the bundle Vite is about to write).
 */
export function bundledFilesOf(bundle: OutputBundle, htmlFile: string): string[] {
  const files = new Set<string>();
  const visit = (fileName: string) => {
    if (files.has(fileName)) return;
    files.add(fileName);
    const item = bundle[fileName];
    if (item?.type !== 'chunk') return;
    for (const dep of item.imports) visit(dep);
    const meta = (item as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
    for (const css of meta?.importedCss ?? []) files.add(css);
    for (const asset of meta?.importedAssets ?? []) files.add(asset);
  };
  const html = bundle[htmlFile];
  if (html?.type === 'asset') {
    // what the page links to itself: its scripts, preloads and favicon
    for (const m of String(html.source).matchAll(/(?:src|href)="\/([^"]+)"/g)) {
      if (m[1].startsWith('assets/')) visit(m[1]);
    }
  }
  return [...files].sort().map((f) => `/${f}`);
}

/**
 * Bundles a service worker entry on its own, as one classic script (every browser runs those as
 * service workers), with its precache list and a cache version derived from it.
 */
export async function buildServiceWorker(entry: string, globalName: string, precache: string[], minify: boolean): Promise<string> {
  const { build } = await import('vite');
  const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    define: { __PRECACHE__: JSON.stringify(precache), __CACHE_VERSION__: JSON.stringify(version) },
    build: {
      write: false,
      minify,
      sourcemap: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: globalName, fileName: () => 'sw.js' },
    },
  })) as RollupOutput | RollupOutput[];
  const output = Array.isArray(out) ? out[0] : out;
  return output.output[0].code;
}
