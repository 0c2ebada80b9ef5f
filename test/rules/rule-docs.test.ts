import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageIds } from '../../src/messages.js';
import { fixtureFiles, ruleFixtures as fixtures } from '../helpers/rule-fixtures.js';
import { skipped } from './skipped.js';

/**
 * docs/rules/: a page per rule id, made from its fixture pair (what the mistake looks like, what
 * licheng says), as remark-lint documents its rules. Regenerate: npx vitest run test/rules/rule-docs.test.ts -u
 */
const top = join(import.meta.dirname, '..', '..');
const docs = join(top, 'docs', 'rules');

/** The fixtures README's one-line description of each rule's mistake. */
const described = new Map(
  [...readFileSync(join(fixtures, 'README.md'), 'utf8').matchAll(/^\| `([a-z0-9-]+)`(?:, `[a-z0-9-]+`)* \| ([^|]+?) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);

const isText = (data: Buffer) => !data.subarray(0, 8000).includes(0) && !data.toString('utf8').includes('\uFFFD');

/** Lines removed from `a` and added in `b`, each with its line number: a small LCS diff, for files of a few hundred lines. */
function lineDiff(a: string[], b: string[]): string[] {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(`-${String(i + 1).padStart(4)}  ${a[i++]}`);
    else out.push(`+${String(j + 1).padStart(4)}  ${b[j++]}`);
  }
  return out;
}

const bytes = (files: Map<string, string>, name: string) => {
  const source = files.get(name);
  return source === undefined ? undefined : readFileSync(source);
};

/** The files that differ between the ok and the not-ok portfolio, each laid out from its overlays. */
function changes(id: string): string {
  const ok = fixtureFiles(id, 'ok');
  const bad = fixtureFiles(id, 'not-ok');
  const names = [...new Set([...ok.keys(), ...bad.keys()])].sort();
  const parts: string[] = [];
  for (const name of names) {
    const before = bytes(ok, name);
    const after = bytes(bad, name);
    if (before && after && before.equals(after)) continue;
    if (!after) parts.push(`\`${name}\` is missing.`);
    else if (!before)
      parts.push(
        `\`${name}\` is there${isText(after) ? ':' : ' (not a text file).'}${isText(after) && after.length < 2000 ? `\n\n\`\`\`text\n${after.toString('utf8').trimEnd()}\n\`\`\`` : ''}`,
      );
    else if (!isText(before) || !isText(after)) parts.push(`\`${name}\` is another file (not text).`);
    else
      parts.push(
        `\`${name}\` (− the ok portfolio's line, + the mistake; line numbers of each):\n\n\`\`\`diff\n${lineDiff(before.toString('utf8').split('\n'), after.toString('utf8').split('\n')).join('\n')}\n\`\`\``,
      );
  }
  return parts.join('\n\n');
}

function page(id: string): string {
  const title = `# \`${id}\`\n\n`;
  const reason = skipped[id as keyof typeof skipped];
  if (reason) return `${title}Not reported by \`licheng check\` from files on disk: ${reason}.\n`;
  const expected = readFileSync(join(fixtures, id, 'not-ok', 'expected.txt'), 'utf8').trimEnd();
  const severity = new RegExp(`: (error|warning): .*\\[${id}\\]$`, 'm').exec(expected)?.[1] ?? 'error';
  const what = described.get(id);
  return (
    `${title}Severity: **${severity}**.\n\n` +
    (what ? `## The mistake\n\n${what}\n\n` : '') +
    `## What licheng says\n\n\`\`\`text\n${expected}\n\`\`\`\n\n` +
    `## What changed from a portfolio that draws no diagnostic\n\n${changes(id)}\n\n` +
    `The pair is \`test/fixtures/rules/${id}/\` (ok/ and not-ok/, overlays on \`test/fixtures/rules/_base/\`); \`test/rules/rules.test.ts\` runs it.\n`
  );
}

describe('rule documentation', () => {
  it('has a page for every rule id, generated from its fixtures', async () => {
    const ids = messageIds().sort();
    for (const id of ids) await expect(page(id)).toMatchFileSnapshot(join(docs, `${id}.md`));
    const index = `# Rules\n\nEvery diagnostic licheng prints ends in its rule id; each has a page here, made from the\nfixture pair that tests it. What \`check\` says of a document's content can be turned off or made an\nerror for a portfolio under 規則 in portfolio.yaml (\`reflection-thin: 關閉\`).\n\n${ids.map((id) => `- [\`${id}\`](${id}.md)${described.get(id) ? ` — ${described.get(id)}` : ''}`).join('\n')}\n`;
    await expect(index).toMatchFileSnapshot(join(docs, 'README.md'));
    // No page for a rule that is gone (on the first -u run the folder is only written after the test).
    if (existsSync(docs))
      expect(
        readdirSync(docs)
          .filter((n) => n !== 'README.md')
          .sort(),
      ).toEqual(ids.map((id) => `${id}.md`));
  });
});
