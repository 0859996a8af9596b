import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Assumed size of a list when estimating cost. */
  listFactor: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 20_000,
  listFactor: 10,
};

function reject(context: ValidationContext, message: string, detail: string): void {
  context.reportError(
    new GraphQLError(message, {
      extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_LIMIT', detail },
    }),
  );
}

/**
 * Walks each operation once (fragments inlined, cycles cut) with the schema's types and measures
 * depth, aliases and a cost where every field costs 1 and a list multiplies its children.
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_LIMITS): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    return {
      OperationDefinition(node) {
        let aliases = 0;
        let maxDepth = 0;
        const measure = (
          set: SelectionSetNode,
          parent: GraphQLNamedType | null | undefined,
          depth: number,
          seen: ReadonlySet<string>,
        ): number => {
          let cost = 0;
          for (const sel of set.selections) {
            if (sel.kind === Kind.FIELD) {
              if (sel.alias) aliases += 1;
              if (sel.name.value.startsWith('__')) continue;
              maxDepth = Math.max(maxDepth, depth);
              const fieldType =
                parent && (isObjectType(parent) || isInterfaceType(parent))
                  ? parent.getFields()[sel.name.value]?.type
                  : undefined;
              const many =
                fieldType && isListType(getNullableType(fieldType)) ? limits.listFactor : 1;
              const child = sel.selectionSet
                ? measure(
                    sel.selectionSet,
                    fieldType ? getNamedType(fieldType) : null,
                    depth + 1,
                    seen,
                  )
                : 0;
              cost += many * (1 + child);
            } else if (sel.kind === Kind.INLINE_FRAGMENT) {
              const typed = sel.typeCondition
                ? schema.getType(sel.typeCondition.name.value)
                : parent;
              cost += measure(sel.selectionSet, typed, depth, seen);
            } else {
              const fragment = fragments.get(sel.name.value);
              if (fragment && !seen.has(sel.name.value)) {
                cost += measure(
                  fragment.selectionSet,
                  schema.getType(fragment.typeCondition.name.value),
                  depth,
                  new Set([...seen, sel.name.value]),
                );
              }
            }
          }
          return cost;
        };
        const root =
          node.operation === 'mutation'
            ? schema.getMutationType()
            : node.operation === 'subscription'
              ? schema.getSubscriptionType()
              : schema.getQueryType();
        const cost = measure(node.selectionSet, root, 1, new Set());
        if (maxDepth > limits.maxDepth)
          reject(context, '查询嵌套层级过深', `depth ${maxDepth} > ${limits.maxDepth}`);
        if (aliases > limits.maxAliases)
          reject(context, '查询中的别名过多', `aliases ${aliases} > ${limits.maxAliases}`);
        if (cost > limits.maxCost)
          reject(context, '查询过于复杂', `cost ${cost} > ${limits.maxCost}`);
      },
    };
  };
}
