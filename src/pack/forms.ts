import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { CourseOutcome } from '../model/course.js';
import { chosenCourses, type ChosenItem } from '../check/target-rules.js';
import { documentSummary } from '../model/document.js';
import { positionOfPath } from '../model/fields.js';
import type { LoadedTarget } from '../model/load-target.js';
import type { Portfolio } from '../model/portfolio.js';
import { targetKeyTable, type Target } from '../model/target.js';
import { fileProblem, resolveAsset } from '../read/resolve-asset.js';
import { templateErrorPlace, templateErrorReason } from '../read/template-error.js';
import { isSelf } from '../model/team.js';
import { categoryNames, labels } from '../model/vocabulary.js';
import { templatesDir } from '../paths.js';

const builtIn = join(templatesDir, 'forms');

/** Markdown-safe text for a table cell or a line: no pipes, no line breaks. */
const engine = Handlebars.create();
engine.registerHelper(
  'cell',
  (value: unknown) =>
    new Handlebars.SafeString(
      String(value ?? '')
        .replace(/\|/g, '\\|')
        .replace(/\s*\n\s*/g, ' '),
    ),
);

export type FormName = 'formA' | 'formB';

/** A form as Markdown, and the template it came from (where problems in it are reported). */
export interface RenderedForm {
  name: FormName;
  path: string;
  displayPath: string;
  markdown: string;
}

/**
 * 表A and 表B of a target, from the department's pack (範本) where it has them, else licheng's.
 * A pack's templates are files of the portfolio like any other; a broken template (a Handlebars
 * syntax error, a missing partial) is a diagnostic at its file, for `check` and `pack` alike.
 */
/** Form templates compiled once per text: a batch renders the same two for every student. */
const compiledForms = new Map<string, HandlebarsTemplateDelegate>();
function compiled(text: string): HandlebarsTemplateDelegate {
  let template = compiledForms.get(text);
  if (!template) {
    if (compiledForms.size >= 16) compiledForms.clear();
    template = engine.compile(text, { noEscape: true, strict: false });
    compiledForms.set(text, template);
  }
  return template;
}

export async function renderForms(
  loaded: LoadedTarget,
  items: readonly ChosenItem[],
  portfolio: Portfolio | undefined,
  root: string,
): Promise<{ forms: RenderedForm[]; diagnostics: Diagnostic[] }> {
  const target = loaded.target!;
  const data: Record<FormName, object> = {
    formA: formAData(target, items, portfolio),
    formB: { student: portfolio?.student ?? '', works: formBWorks(chosenCourses(items), portfolio) },
  };
  const forms: RenderedForm[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of ['formA', 'formB'] as const) {
    let path = join(builtIn, `${name}.md.hbs`);
    let displayPath = path;
    if (target.templates) {
      const written = `${target.templates.replace(/[\\/]+$/, '')}/${name}.md.hbs`;
      const resolved = resolveAsset(loaded.path, written, root);
      if ('problem' in resolved && resolved.problem !== 'missing') {
        // A folder outside is said once, for the folder; a template that is not a file, for that file.
        const folder = resolved.problem !== 'not-file';
        const place = loaded.yaml ? positionOfPath(loaded.yaml, targetKeyTable, ['templates']) : undefined;
        diagnostics.push(diagnostic(loaded.displayPath, place, 'error', fileProblem[resolved.problem], { path: folder ? target.templates : written }));
        if (folder) break;
        continue;
      }
      // A pack may replace one form and keep licheng's other.
      if ('path' in resolved) [path, displayPath] = [resolved.path, join(dirname(loaded.displayPath), written)];
    }
    try {
      const markdown = compiled(await readFile(path, 'utf8'))(data[name]);
      forms.push({ name, path, displayPath, markdown });
    } catch (error) {
      diagnostics.push(
        diagnostic(displayPath, templateErrorPlace(error as Error), 'error', 'form-template-invalid', { reason: templateErrorReason(error as Error) }),
      );
    }
  }
  return { forms, diagnostics };
}

interface FormBWork {
  code: string;
  codeName: string;
  title: string;
  course: string;
  term: string;
  members: { name: string; work: string; share: number; self: boolean }[];
}

/** 表B rows from the chosen courses' team data; a single-author work is one row at 100 %. */
function formBWorks(courses: readonly CourseOutcome[], portfolio: Portfolio | undefined): FormBWork[] {
  return courses.map((course) => ({
    code: course.category,
    codeName: categoryNames[course.category],
    title: course.title,
    course: course.course,
    term: labels.yearTerm(course.year, course.term),
    members: course.team?.length
      ? course.team.map((m) => ({ name: m.name, work: m.work, share: m.share, self: isSelf(m, portfolio) }))
      : [{ name: portfolio?.student ?? '', work: '獨立完成', share: 100, self: true }],
  }));
}

/** An item of a bundle as a reader names it: its title, else its category, else its file. */
export function itemTitle(item: ChosenItem): string {
  const document = item.document;
  if (document && 'title' in document && document.title) return document.title;
  return document ? categoryNames[item.code as 'D-1'] : basename(item.path);
}

function formAData(target: Target, items: readonly ChosenItem[], portfolio: Portfolio | undefined): object {
  return {
    student: portfolio?.student ?? '',
    school: portfolio?.school ?? '',
    department: portfolio?.department ?? '',
    class: portfolio?.class ?? '',
    target,
    items: items.map((item) => ({ code: item.code, title: itemTitle(item), summary: item.document ? (documentSummary(item.document) ?? '') : '' })),
    fields: Object.entries(target.formA ?? {}).map(([label, value]) => ({ label, value })),
  };
}
