import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAtomically } from '../src/infra/atomic.js';

/** writeAtomically makes the folder only when the write finds it missing, and leaves no temp file. */
const scratch = mkdtempSync(join(tmpdir(), 'licheng-write-atomic-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('writeAtomically', () => {
  it('writes into a folder that is there, into one that is not yet, and into one removed since', async () => {
    await writeAtomically(join(scratch, 'a.pdf'), 'one');
    await writeAtomically(join(scratch, 'new', 'deeper', 'b.pdf'), 'two');
    rmSync(join(scratch, 'new'), { recursive: true });
    await writeAtomically(join(scratch, 'new', 'deeper', 'b.pdf'), 'three');
    expect(readFileSync(join(scratch, 'a.pdf'), 'utf8')).toBe('one');
    expect(readFileSync(join(scratch, 'new', 'deeper', 'b.pdf'), 'utf8')).toBe('three');
    expect(readdirSync(join(scratch, 'new', 'deeper'))).toEqual(['b.pdf']);
  });

  it('fails where the folder cannot be, leaving nothing behind', async () => {
    writeFileSync(join(scratch, 'file'), 'not a folder');
    await expect(writeAtomically(join(scratch, 'file', 'c.pdf'), 'four')).rejects.toMatchObject({ code: expect.stringMatching(/ENOTDIR|EEXIST/) });
    expect(readdirSync(scratch).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
