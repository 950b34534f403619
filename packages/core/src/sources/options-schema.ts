/**
 * What declarations give users besides checking: the JSON Schema of the config file with every source's section
 * (docs/harmoniq.schema.json, editor completion) and one help row per option (`harmoniq sources --json`, docs).
 */
import type { PlaylistSource } from '../contract.js';
import { baseConfigJsonSchema } from '../config/schema.js';
import type { OptionSpec } from './declare-options.js';

export interface OptionHelp {
  name: string;
  description: string;
  env?: string;
  /** Where it goes in the config file: `sources.<name>.<key>`, and the shared `<section>.<key>` when there is one. */
  file: string[];
  allowed: string;
  default?: unknown;
  required: boolean;
  secret: boolean;
}

export function optionHelp(source: PlaylistSource<unknown>): OptionHelp[] {
  return Object.entries(source.options ?? {}).map(([name, spec]) => {
    const key = spec.key ?? name;
    return {
      name,
      description: spec.description,
      ...(spec.env !== undefined ? { env: spec.env } : {}),
      file: [spec.rest ? `sources.${source.name} (its other keys)` : `sources.${source.name}.${key}`, ...(spec.section !== undefined ? [`${spec.section}.${key}`] : [])],
      allowed: spec.allowed,
      ...(spec.default !== undefined ? { default: spec.default } : {}),
      required: spec.required !== undefined,
      secret: spec.secret === true,
    };
  });
}

function optionSchema(spec: OptionSpec<unknown>): Record<string, unknown> {
  const env = spec.env ? ` (${spec.env})` : '';
  const base: Record<string, unknown> = { description: `${spec.description}${env}${spec.secret ? ' Keep this file private.' : ''}` };
  if (spec.default !== undefined) base.default = spec.default;
  switch (spec.kind) {
    case 'text':
      return { ...base, type: 'string', minLength: 1 };
    case 'url':
      return { ...base, type: 'string', pattern: '^https?://' };
    case 'integer':
      return { ...base, type: 'integer', minimum: spec.min, maximum: spec.max };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'choice':
      return { ...base, type: 'string', enum: [...(spec.values ?? [])] };
    case 'choices':
      return { ...base, anyOf: [{ type: 'array', items: { type: 'string', enum: [...(spec.values ?? [])] }, minItems: 1 }, { type: 'string' }] };
    default:
      return base;
  }
}

/** The config file's JSON Schema, with each given source's section and each plugin-owned top-level section. */
export function configJsonSchema(sources: readonly PlaylistSource<unknown>[] = []): Record<string, unknown> {
  const schema = baseConfigJsonSchema();
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  const sourcesProp = properties.sources as Record<string, unknown>;
  const common = sourcesProp.additionalProperties as { properties: Record<string, unknown> };
  const named: Record<string, unknown> = {};
  for (const source of sources) {
    const own: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(source.options ?? {})) {
      if (spec.rest) continue;
      own[spec.key ?? name] = optionSchema(spec);
      if (spec.section === undefined) continue;
      const section = (properties[spec.section] ??= { type: 'object', additionalProperties: false, properties: {}, description: `Settings shared by the ${spec.section} sources.` });
      (section.properties as Record<string, unknown>)[spec.key ?? name] = optionSchema(spec);
    }
    named[source.name] = {
      type: 'object',
      description: source.description,
      ...(source.options && !Object.values(source.options).some((spec) => spec.rest) ? { additionalProperties: false } : {}),
      properties: { ...common.properties, ...own },
    };
  }
  if (sources.length > 0) sourcesProp.properties = named;
  return { ...schema, additionalProperties: false };
}
