import type { Position as UnistPosition } from 'unist';
import { diagnostic, type Diagnostic, type Position, type Severity } from '../diagnostics.js';
import type { MessageArgs, MessageId } from '../messages.js';
import type { MarkdownSource } from '../read/read-source.js';
import { positionOfPath, type KeyTable } from '../model/fields.js';
import type { CourseOutcome } from '../model/course.js';
import type { Portfolio } from '../model/portfolio.js';

/** What a rule sees of one document, and its one way to speak. */
export interface RuleContext {
  source: MarkdownSource;
  course: CourseOutcome;
  portfolio: Portfolio | undefined;
  root: string;
  /** File position of a front-matter key path such as ['team', 2, 'share']. */
  keyPosition(path: readonly PropertyKey[]): Position;
  /** File position of an mdast node. */
  nodePosition(node: { position?: UnistPosition | undefined }): Position;
  report(severity: Severity, ruleId: MessageId, place: Position | undefined, args?: MessageArgs): void;
}

export type Rule = (context: RuleContext) => void;

export function ruleContext(
  source: MarkdownSource,
  course: CourseOutcome,
  portfolio: Portfolio | undefined,
  root: string,
  keyTable: KeyTable,
  sink: Diagnostic[],
): RuleContext {
  const blockStart: Position = source.frontMatter?.start ?? { line: 1, column: 1 };
  return {
    source,
    course,
    portfolio,
    root,
    keyPosition: (path) => (source.frontMatter ? positionOfPath(source.frontMatter, keyTable, path) : blockStart),
    nodePosition: (node) => (node.position ? { line: node.position.start.line, column: node.position.start.column } : blockStart),
    report: (severity, ruleId, place, args) => sink.push(diagnostic(source.displayPath, place, severity, ruleId, args)),
  };
}
