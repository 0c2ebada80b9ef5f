import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { ScaffoldError } from './scaffold-error.js';
import { templatesDir } from '../paths.js';
import { templateErrorPlace, templateErrorReason } from '../read/template-error.js';
import type { TemplatePack } from './pack.js';
import { templateFile, type TemplateData, type TemplateKind } from './template-data.js';

/** The built-in templates, shipped beside dist/ and src/ alike (package.json "files"). */
export const builtInTemplates = templatesDir;

const handlebars = Handlebars.create();
/**
 * A one-line YAML scalar, exactly the value: plain where YAML allows it, quoted where it holds
 * `: `, ` #`, a leading `-` …; a line break (a block scalar otherwise) escaped in double quotes,
 * which JSON's string syntax is.
 */
handlebars.registerHelper('yaml', (value: unknown) => {
  if (value === undefined || value === null) return '';
  const scalar = stringify(String(value), { lineWidth: 0 }).trimEnd();
  return scalar.includes('\n') ? JSON.stringify(String(value)) : scalar;
});

/** The template of a kind: the pack's when it has one, else the built-in. */
export function templatePath(kind: TemplateKind, pack?: TemplatePack): string {
  return join(pack?.templates.includes(kind) ? pack.dir : builtInTemplates, templateFile(kind));
}

export async function renderTemplate(kind: TemplateKind, data: TemplateData, pack?: TemplatePack): Promise<string> {
  const file = templatePath(kind, pack);
  try {
    // Markdown and YAML, not HTML: nothing is escaped.
    return handlebars.compile(await readFile(file, 'utf8'), { noEscape: true })(data);
  } catch (error) {
    const place = templateErrorPlace(error as Error);
    throw new ScaffoldError('template-invalid', { file: place ? `${file}:${place.line}` : file, reason: templateErrorReason(error as Error) });
  }
}
