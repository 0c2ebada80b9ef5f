import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileUri } from '../helpers/lsp-client.js';
import sharp from 'sharp';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import type { PreviewResult } from '../../editors/vscode/src/protocol.js';
import { startServer } from '../../editors/vscode/src/server-process.js';

interface ZipEntry {
  fileName: string;
  externalFileAttributes: number;
}
interface ZipFile {
  readEntry(): void;
  on(event: 'entry', listener: (entry: ZipEntry) => void): void;
  on(event: 'end' | 'error', listener: (error?: Error) => void): void;
  openReadStream(entry: ZipEntry, callback: (error: Error | null, stream: NodeJS.ReadableStream) => void): void;
}
// vsce's own zip reader (a dependency of @vscode/vsce), so that the test needs no unzip program.
const yauzl = createRequire(createRequire(import.meta.url).resolve('@vscode/vsce'))('yauzl') as {
  open(path: string, options: { lazyEntries: boolean }, callback: (error: Error | null, zip: ZipFile) => void): void;
};

const repo = join(import.meta.dirname, '..', '..');
let work: string;
let vsix: string;
let unpacked: string;
const files: string[] = [];

/** Unpacks like VS Code does: every entry, with the file mode stored in the archive. */
function unpack(archive: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(archive, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry) => {
        files.push(entry.fileName);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        const target = join(into, entry.fileName);
        zip.openReadStream(entry, (failed, stream) => {
          if (failed) return reject(failed);
          const mode = (entry.externalFileAttributes >>> 16) & 0o777 || 0o644;
          void mkdir(dirname(target), { recursive: true })
            .then(() => pipeline(stream, createWriteStream(target, { mode })))
            .then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'licheng-vsix-test-'));
  vsix = join(work, 'licheng-linux-x64.vsix');
  const made = spawnSync(process.execPath, [join(repo, 'editors', 'vscode', 'package-vsix.mjs'), '--target', 'linux-x64', '--out', vsix], {
    cwd: repo,
    encoding: 'utf8',
  });
  expect(made.status, made.stderr).toBe(0);
  unpacked = join(work, 'unpacked');
  await unpack(vsix, unpacked);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the linux-x64 .vsix', () => {
  it('carries the server, its runtime packages with linux-x64 binaries, the fonts and the preview page, and nothing for other platforms', async () => {
    for (const file of [
      'extension/package.json',
      'extension/dist/extension.cjs',
      'extension/dist/web/preview/vscode-webview.js',
      'extension/dist/web/preview/preview.css',
      'extension/dist/web/preview/pdf.worker.min.mjs',
      'extension/dist/web/preview/live.js',
      'extension/server/dist/licheng/main.cjs',
      'extension/server/templates/course.md.hbs',
      'extension/server/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
      'extension/server/node_modules/@ffprobe-installer/linux-x64/ffprobe',
      'extension/server/node_modules/@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
      'extension/server/node_modules/vscode-languageserver/package.json',
    ])
      expect(files).toContain(file);
    expect(files.some((f) => /@img\/sharp-linux-x64\/lib\/sharp-linux-x64-[\d.]+\.node$/.test(f))).toBe(true);
    expect(files.filter((f) => /darwin|win32|linuxmusl|\.map$|\.d\.ts$|\/test\//.test(f))).toEqual([]);
    // Only the faces licheng sets text in (serif and sans, regular and bold; emoji; mono for code), not the whole font families.
    expect(files.filter((f) => f.endsWith('.ttf')).length).toBe(5);
    expect(
      files
        .filter((f) => /\.woff2?$/.test(f))
        .map((f) => f.split('/').pop())
        .sort(),
    ).toEqual(['noto-sans-mono-latin-400-normal.woff', 'noto-sans-mono-latin-700-normal.woff']);
    expect(await readFile(join(unpacked, 'extension.vsixmanifest'), 'utf8')).toContain('TargetPlatform="linux-x64"');
    expect((await stat(vsix)).size).toBeLessThan(110_000_000);
  });

  it('starts its server with plain node from the unpacked files and speaks LSP: a diagnostic, then a preview PDF', async () => {
    // A photo, so that sharp's native binary from the package does the fitting.
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#6a8' } })
      .jpeg()
      .toBuffer();
    const withPhoto = `${sections}\n![實驗照片](../media/photo.jpg)\n`;
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(withPhoto), 'media/photo.jpg': photo });
    const uri = fileUri(join(root, 'courses', 'a.md'));
    // Started as the extension starts it (a fork of the running Node, here plain node instead of VS Code's).
    const server = startServer(join(unpacked, 'extension', 'server', 'dist', 'licheng', 'main.cjs'), 'zh');
    const connection: MessageConnection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const nextPublished = () => new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.listen();
    try {
      await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: fileUri(root),
        workspaceFolders: [{ uri: fileUri(root), name: 'p' }],
        capabilities: {},
      });
      await connection.sendNotification('initialized', {});
      const diagnosed = nextPublished();
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text: courseMarkdown(withPhoto, { 學期: '3' }) },
      });
      const { diagnostics } = await diagnosed;
      expect(diagnostics).toContainEqual(
        expect.objectContaining({ code: 'key-type', severity: 1, range: expect.objectContaining({ start: { line: 5, character: 0 } }) }),
      );

      const fixed = nextPublished();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: courseMarkdown(withPhoto) }] });
      expect((await fixed).diagnostics.filter((d) => d.severity === 1)).toEqual([]);
      const preview = await connection.sendRequest<PreviewResult>('licheng/preview', { textDocument: { uri } });
      expect(preview.pages).toBeGreaterThan(0);
      expect(Buffer.from(preview.pdf!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect(preview.map.length).toBeGreaterThan(0);
      expect(Buffer.from(preview.pdf!, 'base64').includes('/Subtype /Image')).toBe(true);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});
