import { describe, expect, it } from 'vitest';
import { isIn, ordersIn, type Filter } from '@clvkit/core';
import { createContext } from '../src/index.js';
import { selectedCustomers } from '../src/customer-selection.js';
import { buildDataset } from './helpers.js';

/*
 * customers (row: client gender): 0 a f, 1 b m, 2 c f (c has no session), 3 d m
 * sessions: a web, b app, d web
 */
const data = () =>
  buildDataset({
    sessions: [
      { id: 's1', client: 'a', start: '2024-03-01T10:00Z', payment: 10, dimension: 'web' },
      { id: 's2', client: 'b', start: '2024-03-01T11:00Z', payment: 20, dimension: 'app' },
      { id: 's3', client: 'd', start: '2024-03-02T10:00Z', payment: 30, dimension: 'web' },
    ],
    customers: [
      { client: 'a', gender: 'f' },
      { client: 'b', gender: 'm' },
      { client: 'c', gender: 'f' },
      { client: 'd', gender: 'm' },
    ],
  });
const select = (filter: Filter) => [...selectedCustomers(createContext(data(), filter), filter)];

describe('selectedCustomers (the customers a filter selects)', () => {
  it('tests customer fields on the customer row, so customers without sessions count', () => {
    expect(select({ mode: 'and', predicates: [isIn('customers.gender', ['f'])] })).toEqual([1, 0, 1, 0]);
  });

  it('AND: the customer row passes and some session passes the rest', () => {
    // female (a, c) and a web session (a, d) -> a
    expect(select({ mode: 'and', predicates: [isIn('customers.gender', ['f']), isIn('dimension', ['web'])] })).toEqual([1, 0, 0, 0]);
  });

  it('OR: the customer row passes or some session passes the rest', () => {
    // female (a, c) or an app session (b) -> a, b, c; d (male, web) is out
    expect(select({ mode: 'or', predicates: [isIn('customers.gender', ['f']), isIn('dimension', ['app'])] })).toEqual([1, 1, 1, 0]);
  });

  it('selects everyone without predicates', () => {
    expect(select({ mode: 'and', predicates: [] })).toEqual([1, 1, 1, 1]);
  });

  it('tests the client id on the customer row too, so a customer without sessions is judged by id', () => {
    expect(select({ mode: 'and', predicates: [isIn('client', ['c', 'd'])] })).toEqual([0, 0, 1, 1]);
    // no order from 2024-03-02 on: a, b and c (who never ordered); d ordered on 03-02
    expect(select({ mode: 'and', predicates: [ordersIn(Date.parse('2024-03-02T00:00Z'), Date.parse('2024-04-01T00:00Z'), false)] })).toEqual([1, 1, 1, 0]);
  });
});
