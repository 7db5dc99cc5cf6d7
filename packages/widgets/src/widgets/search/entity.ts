import { isIn, type Clause, type InPredicate } from '@clvkit/core';

/** The kinds of values the search finds, each with its entity view. */
export type EntityType = 'product' | 'client' | 'promotion' | 'dimension';

/** The entity types in display order. */
export const ENTITY_TYPES: readonly EntityType[] = ['product', 'client', 'promotion', 'dimension'];

/** One product, client, promotion or dimension value. */
export interface EntityRef {
  readonly type: EntityType;
  readonly value: string;
}

/** The field an entity's clause filters: `product` (basket lines), `client`, `promotion_id`, `dimension`. */
export const ENTITY_FIELDS: Readonly<Record<EntityType, string>> = {
  product: 'product',
  client: 'client',
  promotion: 'promotion_id',
  dimension: 'dimension',
};

/** How each type is named, singular. */
export const ENTITY_LABELS: Readonly<Record<EntityType, string>> = {
  product: 'Product',
  client: 'Customer',
  promotion: 'Promotion',
  dimension: 'Dimension',
};

/** How each type is named as a result group. */
export const ENTITY_GROUP_LABELS: Readonly<Record<EntityType, string>> = {
  product: 'Products',
  client: 'Customers',
  promotion: 'Promotions',
  dimension: 'Dimensions',
};

/** True for the four entity types. */
export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}

/**
 * What an entity selects: `isIn(field, [value])` on its field, i.e. the orders containing the
 * product (a basket-lines clause), the client's sessions, the sessions using the promotion,
 * the sessions of the dimension value.
 */
export function entityPredicate(entity: EntityRef): InPredicate {
  return isIn(ENTITY_FIELDS[entity.type], [entity.value]);
}

/** "Product: Shoes". */
export function entityLabel(entity: EntityRef): string {
  return `${ENTITY_LABELS[entity.type]}: ${entity.value}`;
}

/** The entity as a selection clause of `source`, labelled "Product: Shoes", remembering the entity in `value`. */
export function entityClause(entity: EntityRef, source: string): Clause {
  return { source, predicate: entityPredicate(entity), value: { type: entity.type, value: entity.value }, label: entityLabel(entity) };
}
