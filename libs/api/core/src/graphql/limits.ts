import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  /** Budget of one operation: every field returned counts 1, once per item of its list. */
  maxCost: number;
  /** Assumed size of a list that has no page size of its own (nested lists such as history). */
  listFactor: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  // One full page of the largest list (500 reports with ~20 fields and their nested lists) fits;
  // a handful of such pages in one request does not.
  maxCost: 25_000,
  listFactor: 10,
};

/** Page size of a paged list: what is returned without `limit`, and the most `limit` accepts. */
export interface PageSize {
  default: number;
  max: number;
}

/** Field extension carrying the page size, set on the `limit` input field (see `PageLimit`). */
export const PAGE_SIZE_EXTENSION = 'pageSize';

function queryLimitError(message: string, detail: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_LIMIT',
      detail,
      http: { status: 400 },
    },
  });
}

function pageSizeOf(extensions: unknown): PageSize | undefined {
  const value =
    extensions && typeof extensions === 'object'
      ? (extensions as Record<string, unknown>)[PAGE_SIZE_EXTENSION]
      : undefined;
  if (value && typeof value === 'object') {
    const { default: def, max } = value as Partial<PageSize>;
    if (typeof def === 'number' && typeof max === 'number') return { default: def, max };
  }
  return undefined;
}

type Variables = Readonly<Record<string, unknown>>;

/** The value of an argument as the client sent it: a literal, or a variable's raw JSON value. */
function rawValue(node: ValueNode, variables: Variables): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((f) => [f.name.value, rawValue(f.value, variables)]),
      );
    case Kind.NULL:
      return null;
    default:
      return undefined;
  }
}

/**
 * How many items a paged field returns at most: its `limit` (looked up in its arguments and in
 * their input objects) clamped to the list's maximum, or the list's default when absent.
 * Undefined when the field is not paged.
 */
export function pageSizeFor(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Variables,
): number | undefined {
  for (const arg of field.args) {
    const argType = getNamedType(arg.type);
    let size = pageSizeOf(arg.extensions);
    let pick = (value: unknown): unknown => value;
    if (!size && isInputObjectType(argType)) {
      for (const inputField of Object.values(argType.getFields())) {
        const found = pageSizeOf(inputField.extensions);
        if (found) {
          size = found;
          pick = (value) =>
            value && typeof value === 'object'
              ? (value as Record<string, unknown>)[inputField.name]
              : undefined;
          break;
        }
      }
    }
    if (!size) continue;
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    const value = given ? pick(rawValue(given.value, variables)) : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) return size.default;
    // A limit outside 1..max is refused by validation later; the estimate stays within it.
    return Math.max(1, Math.min(size.max, Math.trunc(value)));
  }
  return undefined;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  return fragments;
}

function rootType(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLNamedType | null | undefined {
  return operation.operation === 'mutation'
    ? schema.getMutationType()
    : operation.operation === 'subscription'
      ? schema.getSubscriptionType()
      : schema.getQueryType();
}

/**
 * Estimated number of values an operation returns: every field costs 1; a list multiplies its
 * children by its real page size (the `limit` asked for, or the list's default) when it is paged,
 * by `listFactor` otherwise. Fragments are inlined, cycles cut.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables = {},
  limits: QueryLimits = DEFAULT_LIMITS,
): number {
  const fragments = fragmentsOf(document);
  const measure = (
    set: SelectionSetNode,
    parent: GraphQLNamedType | null | undefined,
    seen: ReadonlySet<string>,
    pageSize: number | undefined,
  ): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const field =
          parent && (isObjectType(parent) || isInterfaceType(parent))
            ? parent.getFields()[sel.name.value]
            : undefined;
        const ownPage = field ? pageSizeFor(field, sel, variables) : undefined;
        const isList = field ? isListType(getNullableType(field.type)) : false;
        // A paged field returning a page object: its list (`items`) holds `ownPage` items.
        const many = isList ? (ownPage ?? pageSize ?? limits.listFactor) : 1;
        const child = sel.selectionSet
          ? measure(
              sel.selectionSet,
              field ? getNamedType(field.type) : null,
              seen,
              isList ? undefined : ownPage,
            )
          : 0;
        cost += many * (1 + child);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const typed = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        cost += measure(sel.selectionSet, typed, seen, pageSize);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment && !seen.has(sel.name.value)) {
          cost += measure(
            fragment.selectionSet,
            schema.getType(fragment.typeCondition.name.value),
            new Set([...seen, sel.name.value]),
            pageSize,
          );
        }
      }
    }
    return cost;
  };
  return measure(operation.selectionSet, rootType(schema, operation), new Set(), undefined);
}

/**
 * Static limits, checked while the document is validated: no subscriptions, depth and aliases
 * (fragments inlined, cycles cut). The cost needs the variables, so it is checked by `queryCostPlugin`.
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_LIMITS): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    return {
      OperationDefinition(node) {
        if (node.operation === 'subscription') {
          // The API has no subscriptions; without this graphql-js would fail while executing.
          context.reportError(
            new GraphQLError('不支持订阅（subscription）操作', {
              nodes: [node],
              extensions: {
                code: 'BAD_USER_INPUT',
                reason: 'UNSUPPORTED_OPERATION',
                http: { status: 400 },
              },
            }),
          );
          return;
        }
        let aliases = 0;
        let maxDepth = 0;
        const walk = (set: SelectionSetNode, depth: number, seen: ReadonlySet<string>): void => {
          for (const sel of set.selections) {
            if (sel.kind === Kind.FIELD) {
              if (sel.alias) aliases += 1;
              if (sel.name.value.startsWith('__')) continue;
              maxDepth = Math.max(maxDepth, depth);
              if (sel.selectionSet) walk(sel.selectionSet, depth + 1, seen);
            } else if (sel.kind === Kind.INLINE_FRAGMENT) {
              walk(sel.selectionSet, depth, seen);
            } else {
              const fragment = fragments.get(sel.name.value);
              if (fragment && !seen.has(sel.name.value))
                walk(fragment.selectionSet, depth, new Set([...seen, sel.name.value]));
            }
          }
        };
        walk(node.selectionSet, 1, new Set());
        if (maxDepth > limits.maxDepth)
          context.reportError(
            queryLimitError('查询嵌套层级过深', `depth ${maxDepth} > ${limits.maxDepth}`),
          );
        if (aliases > limits.maxAliases)
          context.reportError(
            queryLimitError('查询中的别名过多', `aliases ${aliases} > ${limits.maxAliases}`),
          );
      },
    };
  };
}

/**
 * Refuses, before anything runs, an operation whose estimated result exceeds the budget. Runs once
 * the operation is known, so a `limit` passed in a variable counts with its real value.
 */
export function queryCostPlugin(limits: QueryLimits = DEFAULT_LIMITS): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {}, limits);
          if (cost > limits.maxCost) {
            throw queryLimitError(
              '查询返回的数据过多，请减少每页条数或查询的字段',
              `cost ${cost} > ${limits.maxCost}`,
            );
          }
        },
      };
    },
  };
}
