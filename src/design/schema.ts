/**
 * The JSON Schema of the design format (designs/schema.json), built from the same tables the loader checks
 * against, so editors complete exactly what the loader accepts. `npm run schema` writes it; a test keeps the
 * committed file in step.
 */
import { METRIC_TYPES } from '../metrics/model';
import { DISTRIBUTION_NAMES, findDistribution, type ParamSpec } from '../random/distributions';

type Schema = Record<string, unknown>;

const TIME: Schema = {
  description:
    "ISO-8601 ('2017-12-01T08:00:00Z'; no zone means --tz), relative ('now', '-12h', '-1d12h'), a phrase ('one month ago', 'last monday 9am') or epoch seconds",
  type: ['string', 'number'],
};

function paramSchema(p: ParamSpec): Schema {
  const base: Schema =
    p.kind === 'number-list'
      ? { type: 'array', items: { type: 'number' }, minItems: 1 }
      : { type: p.kind === 'integer' ? 'integer' : 'number' };
  if (p.default !== undefined) base.default = p.default;
  if (p.default === null) base.type = [base.type as string, 'null'];
  return base;
}

function distributionBlock(description: string): Schema {
  return {
    description,
    type: 'object',
    required: ['distribution'],
    additionalProperties: false,
    properties: {
      distribution: { enum: [...DISTRIBUTION_NAMES], description: "a function of Python's random module" },
      params: { type: 'object' },
    },
    allOf: DISTRIBUTION_NAMES.map((name) => {
      const params = findDistribution(name)?.params ?? [];
      const required = params.filter((p) => p.default === undefined).map((p) => p.name);
      return {
        if: { properties: { distribution: { const: name } } },
        then: {
          ...(required.length > 0 ? { required: ['distribution', 'params'] } : {}),
          properties: {
            params: {
              type: ['object', 'null'],
              additionalProperties: false,
              ...(required.length > 0 ? { required } : {}),
              properties: Object.fromEntries(params.map((p) => [p.name, paramSchema(p)])),
            },
          },
        },
      };
    }),
  };
}

export function designSchema(): Schema {
  const spec: Schema = {
    type: 'object',
    required: ['start_time', 'end_time', 'frequency', 'values'],
    additionalProperties: false,
    properties: {
      start_time: { ...TIME, description: `first point's time: ${TIME.description as string}` },
      end_time: { ...TIME, description: `end of the range (exclusive): ${TIME.description as string}` },
      frequency: {
        description:
          "a duration ('1m', '90s', '1h30m'), 'historical' (the source metric's timestamps), or random gaps",
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'number', exclusiveMinimum: 0 },
          distributionBlock('random interarrival: next = current + max(1, trunc(draw) + 1) seconds'),
        ],
      },
      values: {
        anyOf: [
          { type: 'number', description: 'a constant, written as given' },
          distributionBlock('a random draw per point'),
          {
            description: 'a function of existing metrics',
            type: 'object',
            required: ['function'],
            additionalProperties: false,
            properties: {
              function: { type: 'string', minLength: 1, description: "an expression, e.g. '1.5 * x + 10'" },
              metric: { type: 'string', description: 'the source metric key, read as x' },
              metrics: {
                type: 'object',
                description: 'source metrics by the names the function uses',
                propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                additionalProperties: { type: 'string' },
                minProperties: 1,
              },
            },
            not: { required: ['metric', 'metrics'] },
          },
          {
            description: "clusterman's a * x + b over the stored series of the same name",
            type: 'object',
            required: ['aws_region', 'params'],
            additionalProperties: false,
            properties: {
              aws_region: { type: 'string' },
              params: {
                type: 'object',
                required: ['a', 'b'],
                additionalProperties: false,
                properties: { a: { type: 'number' }, b: { type: 'number' } },
              },
            },
          },
        ],
      },
      dict_keys: {
        description: 'multi-valued points: per point, a random subset of these keys, each with its own value',
        type: 'array',
        items: { type: ['string', 'number'] },
        minItems: 1,
        uniqueItems: true,
      },
    },
  };
  const metrics: Schema = { type: 'object', additionalProperties: { $ref: '#/definitions/spec' } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/clusterman/clusterman-ts/designs/schema.json',
    title: 'clusterman experimental design',
    description: 'metric_type -> metric_key -> spec, or (flat) metric_key -> spec',
    definitions: { spec },
    type: 'object',
    minProperties: 1,
    anyOf: [
      {
        title: 'nested',
        propertyNames: { enum: [...METRIC_TYPES] },
        additionalProperties: { anyOf: [metrics, { type: 'null' }] },
      },
      {
        title: 'flat',
        propertyNames: { not: { enum: [...METRIC_TYPES] } },
        additionalProperties: { $ref: '#/definitions/spec' },
      },
    ],
  };
}
