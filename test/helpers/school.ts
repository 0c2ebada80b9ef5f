import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const example = join(import.meta.dirname, '..', '..', 'examples', 'portfolio');

/** The example portfolio without its photos (text, the award letter PDF and the target stay): fast to build. */
export async function copyStudent(root: string): Promise<void> {
  await cp(example, root, { recursive: true, filter: (src) => !/[\\/]out$/.test(src) && !/\.(jpe?g|png)$/i.test(src) });
  for (const file of ['courses/smart-watering.md', 'courses/english-speech.md', 'performances/maker-contest.md']) {
    const text = await readFile(join(root, file), 'utf8');
    const withoutPhotos = text.replace(/ {2}- 檔案: [^\n]*\.jpg\n {4}說明: [^\n]*\n/g, '');
    await writeFile(
      join(root, file),
      withoutPhotos
        .split('\n')
        .filter((line) => !line.startsWith('![') && !line.includes('.jpg'))
        .join('\n'),
    );
  }
}

/** A school folder with one copy of the example per name, and a roster. */
export async function school(students: string[], roster: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-batch-'));
  for (const s of students) await copyStudent(join(dir, s));
  await writeFile(join(dir, 'roster.csv'), roster);
  return dir;
}

/** sha256 of every PDF under a folder, by relative path. */
export async function pdfHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.pdf')) continue;
    const path = join(entry.parentPath, entry.name);
    hashes[path.slice(dir.length + 1)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return hashes;
}
