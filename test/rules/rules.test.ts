import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/check.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { documentRules } from '../../src/check/rules/index.js';
import { messageIds, type MessageId } from '../../src/messages.js';
import { expectedLines, type FixtureCase, fixtureIds, materialise } from '../helpers/rule-fixtures.js';
import { skipped } from './skipped.js';

/**
 * One fixture pair per rule, as remark-lint tests its rules: `<rule-id>/ok/` is a complete
 * portfolio that draws no diagnostic at all; `<rule-id>/not-ok/` draws exactly the lines of its
 * expected.txt, as `licheng check` prints them from inside that folder. Each is an overlay
 * (test/helpers/rule-fixtures.ts), checked where it is laid out in a temporary folder.
 */
const scratch = mkdtempSync(join(tmpdir(), 'licheng-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Fixtures whose not-ok output differs from expected.txt only because of an open bug outside the
 * rules: `today` turns an expected line into what check() prints now. Once the bug is fixed this
 * test fails; then remove the entry.
 */
const knownBugs: Partial<Record<MessageId, { bug: string; today(line: string, dir: string): string }>> = {};

/** Every message id a document rule declares: a new rule, or a new message of a rule, without a fixture fails here. */
const declaredIds = (): string[] => [...new Set(documentRules.flatMap((rule) => Object.keys(rule.messages)))];

async function lines(dir: string): Promise<string[]> {
  const { diagnostics } = await check(['.'], { cwd: dir });
  return diagnostics.map((d) => formatDiagnostic(d, 'zh'));
}

const laidOut = (id: string, kase: FixtureCase) => materialise(id, kase, scratch);

const ids = fixtureIds();

describe('rule fixtures', () => {
  it('cover every rule id of the checker, except the listed ones', () => {
    const catalog: string[] = messageIds();
    expect(catalog.length).toBeGreaterThan(40);
    expect(declaredIds().filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids.filter((id) => !catalog.includes(id))).toEqual([]);
    expect(catalog.filter((id) => !ids.includes(id) && !(id in skipped))).toEqual([]);
    expect(Object.keys(skipped).filter((id) => ids.includes(id) || !catalog.includes(id))).toEqual([]);
  });

  describe.each(ids)('%s', (id) => {
    it('ok/ draws no diagnostic', async () => {
      expect(await lines(await laidOut(id, 'ok'))).toEqual([]);
    });

    it('not-ok/expected.txt names this rule, in the FILE:LINE:COL: severity: message [rule-id] shape', () => {
      const expected = expectedLines(id);
      expect(expected.some((line) => line.endsWith(`[${id}]`))).toBe(true);
      for (const line of expected) expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$/u);
    });

    it('not-ok/ draws exactly the diagnostics of expected.txt', async () => {
      const dir = await laidOut(id, 'not-ok');
      const known = knownBugs[id as MessageId];
      const expected = expectedLines(id).map((line) => (known ? known.today(line, dir) : line));
      expect(await lines(dir)).toEqual(expected);
    });
  });
});
