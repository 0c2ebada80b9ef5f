/**
 * JSON Schemas for portfolio.yaml and targets/*.yaml, for editors (yaml-language-server).
 * The zod schemas know the types but only the canonical English keys; the files are written
 * with the Chinese aliases. So each property is listed under every name the loader accepts,
 * with its type taken from zod and widened to what the loader's preprocessing also accepts.
 */
import { z } from 'zod';
import type { KeyTable } from '../model/fields.js';
import { portfolioKeyTable, portfolioSchema } from '../model/portfolio.js';
import { targetKeyTable, targetSchema } from '../model/target.js';
import { portfolioNotes, targetNotes, type KeyNote } from './descriptions.js';

export type JsonSchema = Record<string, unknown>;

const draft = 'http://json-schema.org/draft-07/schema#';

export function portfolioJsonSchema(): JsonSchema {
  return { $schema: draft, title: 'licheng portfolio.yaml', ...objectSchema(portfolioSchema, portfolioKeyTable, portfolioNotes, '') };
}

export function targetJsonSchema(): JsonSchema {
  return { $schema: draft, title: 'licheng targets/*.yaml', ...objectSchema(targetSchema, targetKeyTable, targetNotes, '') };
}

/** The files `licheng init` writes to .licheng/schemas/ and the repository keeps in schemas/. */
export function jsonSchemaFiles(): Record<string, string> {
  const text = (schema: JsonSchema) => `${JSON.stringify(schema, null, 2)}\n`;
  return { 'portfolio.schema.json': text(portfolioJsonSchema()), 'target.schema.json': text(targetJsonSchema()) };
}

type Notes = Record<string, KeyNote>;

function objectSchema(object: z.ZodObject, table: KeyTable, notes: Notes, path: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[][] = [];
  for (const [key, field] of Object.entries(object.shape) as [string, z.ZodType][]) {
    const keyPath = path ? `${path}.${key}` : key;
    const names = namesOf(table, key);
    const note = notes[keyPath];
    const schema = valueSchema(field, table.nested?.[key], notes, keyPath);
    for (const name of names) {
      const others = names.filter((n) => n !== name);
      const also = others.length ? `（也可寫作：${others.join('、')}）` : '';
      properties[name] = { ...schema, ...(note && { ...note, description: note.description + also }) };
    }
    if (!field.safeParse(undefined).success) required.push(names);
  }
  const needs = required.map((names) => (names.length === 1 ? { required: names } : { anyOf: names.map((n) => ({ required: [n] })) }));
  return {
    ...(notes[path] && { description: notes[path].description }),
    type: 'object',
    properties,
    // Unknown keys are a warning in `licheng check`; the editor flags them too (typos such as 學生姓名).
    additionalProperties: false,
    ...(needs.length && { allOf: needs }),
  };
}

/** A key's names, Chinese aliases first (the ones the templates write), its canonical name last. */
function namesOf(table: KeyTable, key: string): string[] {
  const aliases = [...table.keys].filter(([alias, canonical]) => canonical === key && alias !== key).map(([alias]) => alias);
  return [...aliases, key];
}

function valueSchema(field: z.ZodType, table: KeyTable | undefined, notes: Notes, path: string): JsonSchema {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  if (inner instanceof z.ZodObject && table) return objectSchema(inner, table, notes, path);
  if (inner instanceof z.ZodRecord && table) {
    const value = valueSchema(inner.valueType as z.ZodType, undefined, notes, path);
    if (table.keys.has('*')) return { type: 'object', additionalProperties: value };
    return { type: 'object', properties: Object.fromEntries([...table.keys.keys()].map((k) => [k, value])), additionalProperties: false };
  }
  // A value mapped by a transform (管道 → channel): the editor checks what is written, its input.
  if (inner instanceof z.ZodPipe && inner.out instanceof z.ZodTransform) return valueSchema(inner.in as z.ZodType, table, notes, path);
  const { $schema: _, ...schema } = z.toJSONSchema(inner, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as JsonSchema;
  // zod bounds every int by the safe-integer range: noise on hover.
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
  return preprocessed(inner) ? widen(schema) : schema;
}

/** A preprocess (values.ts) accepts more than its output type: "112 學年度", a bare 2024, one path for a list. */
function preprocessed(type: z.ZodType): boolean {
  let left: unknown = type;
  while (left instanceof z.ZodPipe) left = left.in;
  return left instanceof z.ZodTransform;
}

function widen(schema: JsonSchema): JsonSchema {
  switch (schema.type) {
    case 'string':
      return { ...schema, type: ['string', 'number'] };
    case 'integer':
    case 'number':
      return { anyOf: [schema, { type: 'string', pattern: '^\\s*\\d' }] };
    case 'array':
      return { anyOf: [schema.items, schema] };
    default:
      return schema;
  }
}
