import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { CourseOutcome } from '../model/course.js';
import type { Portfolio } from '../model/portfolio.js';
import type { Target } from '../model/target.js';
import { isSelf } from '../model/team.js';
import { categoryNames, labels } from '../model/vocabulary.js';
import { templatesDir } from '../paths.js';

const builtIn = join(templatesDir, 'forms');

/** Markdown-safe text for a table cell or a line: no pipes, no line breaks. */
const engine = Handlebars.create();
engine.registerHelper('cell', (value: unknown) => new Handlebars.SafeString(String(value ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')));

export type FormName = 'formA' | 'formB';

/** A form template: the department's pack when it has one, else licheng's. */
export async function formTemplate(name: FormName, packDir: string | undefined): Promise<{ path: string; render(data: object): string }> {
  const candidates = [...(packDir ? [join(packDir, `${name}.md.hbs`)] : []), join(builtIn, `${name}.md.hbs`)];
  for (const path of candidates) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const compiled = engine.compile(text, { noEscape: true, strict: false });
      return { path, render: (data) => compiled(data) };
    }
  }
  throw new Error(`no template for ${name}`);
}

export interface FormBWork {
  code: string;
  codeName: string;
  title: string;
  course: string;
  term: string;
  members: { name: string; work: string; share: number; self: boolean }[];
}

/** 表B rows from the chosen courses' team data; a single-author work is one row at 100 %. */
export function formBWorks(courses: readonly CourseOutcome[], portfolio: Portfolio | undefined): FormBWork[] {
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

export function formAData(target: Target, portfolio: Portfolio | undefined): object {
  return {
    student: portfolio?.student ?? '',
    school: portfolio?.school ?? '',
    class: portfolio?.class ?? '',
    target,
    fields: Object.entries(target.formA ?? {}).map(([label, value]) => ({ label, value })),
  };
}
