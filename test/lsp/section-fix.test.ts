import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { courseMarkdown, makePortfolio, reflection } from '../helpers/portfolio.js';
import { applyEdits, fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';

const templates = join(import.meta.dirname, '..', '..', 'templates');
const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
});

/** The level-2 headings a template writes, in order. */
async function templateHeadings(file: string): Promise<string[]> {
  return [...(await readFile(join(templates, file), 'utf8')).matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
}

/** Opens `text` at `rel`, applies the quick fix of its first section-missing finding: the fix's title, the new text and its findings. */
async function fixSection(rel: string, text: string): Promise<{ title: string; text: string; diagnostics: Diagnostic[] }> {
  const root = await makePortfolio({ [rel]: text });
  const client = await startLsp(root);
  clients.push(client);
  const uri = fileUri(join(root, rel));
  const { diagnostics } = await client.open(uri, text);
  const missing = diagnostics.find((d) => d.code === 'section-missing');
  expect(missing, 'a section-missing finding').toBeDefined();
  const actions = await client.connection.sendRequest<CodeAction[]>(CodeActionRequest.method, {
    textDocument: { uri },
    range: missing!.range,
    context: { diagnostics: [missing] },
  });
  const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'section-missing')!;
  const fixed = applyEdits(text, fix.edit!.changes![uri]!);
  return { title: fix.title, text: fixed, diagnostics: (await client.change(uri, fixed)).diagnostics };
}

const headingsOf = (text: string) => [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());

describe('licheng lsp: the missing-section quick fix', () => {
  it('adds a course outcome’s missing section as its template writes it, between the sections around it', async () => {
    const [description, process, reflectionHeading] = await templateHeadings('course.md.hbs');
    const text = courseMarkdown(`## ${description}\n\n說明。\n\n## ${reflectionHeading}\n\n${reflection}\n`);
    const fixed = await fixSection('courses/a.md', text);
    expect(fixed.title).toBe(`加上「## ${process}」段落`);
    expect(headingsOf(fixed.text)).toEqual([description, process, reflectionHeading]);
    expect(fixed.diagnostics.map((d) => d.code)).not.toContain('section-missing');
  });

  it('uses the heading of the document’s own kind: a 自述’s 就讀動機 between its reflection and its plan', async () => {
    const [first, motivation, plan] = await templateHeadings('statement.md.hbs');
    const text = `## ${first}\n\n${reflection}\n\n## ${plan}\n\n${reflection}\n`;
    const fixed = await fixSection('statements/s.md', text);
    expect(headingsOf(fixed.text)).toEqual([first, motivation, plan]);
  });

  it('puts the section in its place also while the front matter cannot be read', async () => {
    const [description, process, reflectionHeading] = await templateHeadings('course.md.hbs');
    const text = courseMarkdown(`## ${description}\n\n說明。\n\n## ${reflectionHeading}\n\n${reflection}\n`, { 授課教師: '"王老師' });
    const fixed = await fixSection('courses/a.md', text);
    expect(headingsOf(fixed.text)).toEqual([description, process, reflectionHeading]);
    expect(fixed.diagnostics.map((d) => d.code)).toEqual(['yaml-syntax']);
  });
});
