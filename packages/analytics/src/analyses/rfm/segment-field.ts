import type { DerivedFieldDefinition } from '../../derived-fields.js';
import { defaultSegments } from '../../models/rfm/customer-rfm.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { clientCodesOf } from '../customers/scope.js';

/**
 * `sessions.rfm_segment`: the RFM segment of the session's customer under the default
 * parameters (k-means scores, total revenue, seed 42), over every order (no filter), as of the
 * last session_start of the data. A treemap tile filters every other widget with
 * `isIn('rfm_segment', ['Champions'])`. Missing (so no `in` predicate selects it) for
 * customers without an order. Computed once per dataset, shared with the unfiltered `rfm`
 * analysis. The RFM analyses fit their scores without clauses on this field (see
 * `customerRfm`), so a selected segment keeps its customers' segments everywhere.
 */
export const rfmSegmentField: DerivedFieldDefinition = {
  table: 'sessions',
  name: 'rfm_segment',
  description: "The customer's RFM segment (default k-means scores, as of the last session_start); missing for customers without an order",
  build(derived) {
    const { codes } = derived.sessionClients();
    const segment = defaultSegments(derived);
    const out = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = codes[i] >= 0 ? segment[codes[i]] : -1;
    return { type: 'string', codes: out, dictionary: [...SEGMENTS] };
  },
};

/**
 * `customers.rfm_segment`: the same segment on the customers table (by client id), so a
 * customer list can show, group or filter by it; missing for customers without an order.
 */
export const customerRfmSegmentField: DerivedFieldDefinition = {
  table: 'customers',
  name: 'rfm_segment',
  description: "The customer's RFM segment (as sessions.rfm_segment); missing for customers without an order",
  build(derived) {
    const clients = clientCodesOf(derived, 'customers');
    const segment = defaultSegments(derived);
    const out = new Int32Array(clients.length);
    for (let i = 0; i < clients.length; i++) out[i] = clients[i] >= 0 ? segment[clients[i]] : -1;
    return { type: 'string', codes: out, dictionary: [...SEGMENTS] };
  },
};
