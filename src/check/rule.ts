import type { Position as UnistPosition } from 'unist';
import { diagnostic, type ArgsParam, type Diagnostic, type Position, type Severity } from '../diagnostics.js';
import type { MessageId } from '../messages.js';
import type { Coverage } from '../infra/glyph-coverage.js';
import type { MarkdownSource } from '../read/read-source.js';
import { positionOfPath, type KeyTable } from '../model/fields.js';
import type { PortfolioDocument } from '../model/document.js';
import type { Portfolio } from '../model/portfolio.js';
import type { DocumentKind } from '../model/vocabulary.js';
import type { LoadedTarget } from '../model/load-target.js';

/** The messages a rule reports, each with its default severity (portfolio.yaml's 規則 may change it or turn it off). */
export type RuleMessages = Partial<Record<MessageId, Severity>>;

/** What a rule sees of one document, and its one way to speak: one of its own messages, with that message's arguments. */
export interface RuleContext<D extends PortfolioDocument = PortfolioDocument, Id extends MessageId = MessageId> {
  source: MarkdownSource;
  document: D;
  portfolio: Portfolio | undefined;
  root: string;
  /** The portfolio's targets, for rules that depend on the channel (D-1 under 個人申請). */
  targets: readonly LoadedTarget[];
  /** The body font's coverage, when the caller loaded the theme: characters it lacks print as their code point. */
  coverage: Coverage | undefined;
  /** File position of a front-matter key path such as ['team', 2, 'share']. */
  keyPosition(path: readonly PropertyKey[]): Position;
  /** File position of an mdast node. */
  nodePosition(node: { position?: UnistPosition | undefined }): Position;
  report<K extends Id>(ruleId: K, place: Position | undefined, ...args: ArgsParam<K>): void;
}

/** One check over one document: a small module that declares its messages and reports through `context.report`. */
export interface Rule<K extends DocumentKind = DocumentKind, M extends RuleMessages = RuleMessages> {
  kinds: readonly K[];
  /** Every message it reports, with its default severity. */
  messages: M;
  /**
   * Front-matter keys it reads that the model requires: a partial document (front matter not read
   * whole) lacking one is not checked by this rule.
   */
  needs?: readonly string[];
  check(context: RuleContext<Extract<PortfolioDocument, { kind: K }>, keyof M & MessageId>): void | Promise<void>;
}

export const rule = <K extends DocumentKind, const M extends RuleMessages>(
  kinds: readonly K[],
  messages: M,
  check: Rule<K, M>['check'],
  needs?: readonly string[],
): Rule<K, M> => ({ kinds, messages, check, ...(needs && { needs }) });

export function ruleContext(
  source: MarkdownSource,
  document: PortfolioDocument,
  portfolio: Portfolio | undefined,
  root: string,
  targets: readonly LoadedTarget[],
  keyTable: KeyTable,
  sink: Diagnostic[],
  coverage?: Coverage,
): Omit<RuleContext, 'report'> & { reportFor(messages: RuleMessages): RuleContext['report'] } {
  const blockStart: Position = source.frontMatter?.start ?? { line: 1, column: 1 };
  return {
    source,
    document,
    portfolio,
    root,
    targets,
    coverage,
    keyPosition: (path) => (source.frontMatter ? positionOfPath(source.frontMatter, keyTable, path) : blockStart),
    nodePosition: (node) => (node.position ? { line: node.position.start.line, column: node.position.start.column } : blockStart),
    reportFor:
      (messages) =>
      (ruleId, place, ...args) => {
        const severity = messages[ruleId];
        if (!severity) throw new Error(`a rule reported ${ruleId}, which it does not declare`);
        sink.push(diagnostic(source.displayPath, place, severity, ruleId, ...args));
      },
  };
}

/** Where a missing section would go: the end of the body. */
export function endOfBody(context: RuleContext): Position | undefined {
  const last = context.source.tree.children.at(-1)?.position?.end ?? context.source.frontMatter?.start;
  return last ? { line: last.line, column: 1 } : undefined;
}
