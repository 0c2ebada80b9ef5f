// `npm run package:vsix [-- --target T] [--out FILE]`: the extension as one platform-specific
// .vsix that carries everything a student needs — the language server (the bundled CLI), its
// runtime packages with sharp's and ffmpeg's binaries for the target, the fonts and the preview
// page — and nothing else. Staged in a temporary folder; no network (vsce runs --no-dependencies
// on the staged node_modules subset). Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'rolldown';

/** The targets this extension is made for; each needs its sharp and ffmpeg packages in node_modules. */
export const targets = ['linux-x64', 'win32-x64', 'darwin-arm64', 'darwin-x64', 'linux-arm64', 'win32-arm64'];

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const modules = join(repo, 'node_modules');

/** Optional dependencies that are one platform's binary: kept only for the target. */
const platformSpecific = /[-/](?:darwin|linux|linuxmusl|win32|freebsd|sunos|android|webcontainers|wasm32|wasi)\b/;
/** Files no runtime reads. */
const unused = /(?:\.(?:md|markdown|map|d\.[cm]?ts|ts|h|c|cc|gyp|flow)|~|(?:^|\/)(?:\.[^/]+|tsconfig\.json)|(?:^|\/)(?:tests?|docs?|examples?|benchmarks?|coverage)(?:\/.*)?)$/i;

/** Folders of packages that the server never loads: browser builds, ES-module copies, sources. */
const unloaded = {
  pdfmake: ['build', 'fonts', 'src'],
  'pdf-lib': ['dist', 'es', 'src'],
  fontkit: ['src'],
  '@swc/helpers': ['_', 'esm', 'src'],
};

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The packages the CLI bundle loads at run time: its requires and the files it resolves. */
function runtimeRoots() {
  const bundle = join(repo, 'dist', 'licheng');
  const builtins = new Set(builtinModules);
  // ffmpeg's and ffprobe's packages are required by a computed name (src/media/ffmpeg.ts).
  const packages = new Set(['@ffmpeg-installer/ffmpeg', '@ffprobe-installer/ffprobe']);
  const files = new Map();
  for (const file of readdirSync(bundle)) {
    const code = readFileSync(join(bundle, file), 'utf8');
    // require("x"), createRequire(…)("x") and require.resolve("x"), however the bundler broke the lines.
    for (const [, specifier] of code.matchAll(/(?:require|resolve|\.href\))\(\s*"([^".\/][^"]*)"\s*\)/g)) {
      if (/\.(?:ttf|otf|woff2?)$/.test(specifier)) continue;
      if (!specifier.startsWith('node:') && !builtins.has(specifier)) packages.add(packageName(specifier));
    }
    for (const [, specifier] of code.matchAll(/resolve\(\s*"([^".][^"]*\.(?:ttf|otf|woff2?))"\s*\)/g)) {
      const name = packageName(specifier);
      files.set(name, [...(files.get(name) ?? []), specifier.slice(name.length + 1)]);
    }
  }
  return { packages, files };
}

/** Where `name` resolves from a package folder, as Node looks it up. */
function lookUp(name, from) {
  for (let dir = from; dir.startsWith(modules); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === modules) break;
  }
  const top = join(modules, name);
  return existsSync(join(top, 'package.json')) ? top : undefined;
}

/** Every package folder the roots need, for one target. */
function closure(roots, target) {
  const found = new Set();
  const missing = [];
  const visit = (name, from) => {
    const folder = lookUp(name, from);
    if (!folder) return false;
    if (found.has(folder)) return true;
    found.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) if (!visit(dependency, folder)) missing.push(`${dependency} (for ${name})`);
    // Optional dependencies are either one platform's binary or tooling the runtime does without (uglify-js for handlebars).
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) {
      if (platformSpecific.test(dependency) && /[-/]$/.test(dependency.slice(0, -target.length)) && dependency.endsWith(target) && !visit(dependency, folder)) missing.push(`${dependency} (for ${name}, target ${target})`);
    }
    return true;
  };
  // A package resolved from inside another (pdfkit from pdfmake) need not sit at the top.
  const nested = [];
  for (const root of roots) if (!visit(root, modules)) nested.push(root);
  const folders = [...found];
  missing.push(...nested.filter((name) => !folders.some((folder) => folder.endsWith(`/node_modules/${name}`))));
  return { folders, missing };
}

function copyPackage(folder, into, onlyFiles) {
  const destination = join(into, relative(repo, folder));
  const skipped = unloaded[relative(modules, folder).split('\\').join('/')] ?? [];
  if (onlyFiles) {
    for (const file of ['package.json', ...onlyFiles]) {
      mkdirSync(dirname(join(destination, file)), { recursive: true });
      cpSync(join(folder, file), join(destination, file));
    }
    return;
  }
  cpSync(folder, destination, {
    recursive: true,
    filter: (source) => {
      const path = relative(folder, source).split('\\').join('/');
      if (path.startsWith('node_modules') || skipped.includes(path.split('/')[0])) return false; // nested packages are copied on their own
      return path === '' || !unused.test(path) || /^licen[cs]e/i.test(path.split('/').pop());
    },
  });
}

async function bundleExtension(stage) {
  await build({ logLevel: 'warn', input: join(here, 'src', 'extension.ts'), platform: 'node', external: ['vscode'], output: { file: join(stage, 'dist', 'extension.cjs'), format: 'cjs', minify: true } });
  // The preview page (npm run build): the webview's script, stylesheet and worker, and the page for a browser tab.
  cpSync(join(repo, 'dist', 'web', 'preview'), join(stage, 'dist', 'web', 'preview'), { recursive: true });
}

function stageServer(stage, target) {
  const server = join(stage, 'server');
  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  mkdirSync(server, { recursive: true });
  // src/paths.ts finds licheng's own folder by this name; templates sit beside it.
  writeFileSync(join(server, 'package.json'), `${JSON.stringify({ name: 'licheng', version, private: true }, null, 2)}\n`);
  cpSync(join(repo, 'dist', 'licheng'), join(server, 'dist', 'licheng'), { recursive: true });
  cpSync(join(repo, 'templates'), join(server, 'templates'), { recursive: true });
  const { packages, files } = runtimeRoots();
  const { folders, missing } = closure([...packages, ...files.keys()], target);
  if (missing.length) {
    throw new Error(`node_modules lacks what the ${target} package needs: ${missing.join(', ')}.\nInstall that platform's binaries first, e.g. npm install --no-save --os=${target.split('-')[0]} --cpu=${target.split('-')[1]} sharp @ffmpeg-installer/ffmpeg @ffprobe-installer/ffprobe`);
  }
  for (const folder of folders) copyPackage(folder, server, files.get(relative(modules, folder).split('\\').join('/')));
}

function size(path) {
  return statSync(path).isDirectory() ? readdirSync(path).reduce((sum, entry) => sum + size(join(path, entry)), 0) : statSync(path).size;
}

/** Stages and packs the .vsix for `target`; returns its path. */
export async function packageVsix({ target, out }) {
  if (!targets.includes(target)) throw new Error(`unknown target ${target}; one of ${targets.join(', ')}`);
  if (!existsSync(join(repo, 'dist', 'licheng', 'main.cjs')) || !existsSync(join(repo, 'dist', 'web', 'preview', 'preview.js'))) {
    throw new Error('dist/ is missing: run npm run build first');
  }
  const stage = mkdtempSync(join(tmpdir(), 'licheng-vsix-'));
  try {
    for (const file of ['package.json', 'package.nls.json', 'package.nls.zh-tw.json', 'README.md']) cpSync(join(here, file), join(stage, file));
    cpSync(join(here, 'media'), join(stage, 'media'), { recursive: true });
    // The stage holds only what the package needs; this file says so to vsce.
    writeFileSync(join(stage, '.vscodeignore'), '.vscodeignore\n');
    await bundleExtension(stage);
    stageServer(stage, target);
    const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
    // Beside the repository's files like npm pack's tarball (and outside dist/, which npm pack ships).
    const file = resolve(out ?? join(repo, `licheng-${target}-${version}.vsix`));
    mkdirSync(dirname(file), { recursive: true });
    const vsce = join(modules, '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--no-update-package-json', '--target', target, '--out', file], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] });
    return { file, bytes: statSync(file).size, stagedBytes: size(stage) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { target: { type: 'string', default: `${process.platform}-${process.arch}` }, out: { type: 'string' } } });
  try {
    const { file, bytes, stagedBytes } = await packageVsix({ target: values.target, out: values.out });
    console.log(`${relative(process.cwd(), file)}: ${(bytes / 1e6).toFixed(1)} MB (${(stagedBytes / 1e6).toFixed(1)} MB unpacked)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
