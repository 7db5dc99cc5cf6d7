import { fixture, type Cell } from './fixtures.js';

/**
 * Shop F: five customers with attributes as strings (as the importer gives them), one of them
 * (k5) without any session, one buyer (z) without a customers row, basket lines.
 *
 * | client | gender | birth_date | age | location | email | phone  | email_opt_in | sms_opt_in | push_opt_in | signup     | download   |
 * | k1     | female | 1990-06-15 |     | London   | k1@x  | +44 1  | true         | false      | true        | 2024-01-05 | 2023-12-20 |
 * | k2     | male   |            | 40  | Leeds    | k2@x  |        | false        | false      | false       | 2024-01-20 | 2024-01-18 |
 * | k3     | female | 2006-12-31 |     | London   |       | +44 3  | false        | true       | false       |            | 2024-02-25 |
 * | k4     |        |            |     | "" (empty)| k4@x | +44 4  | yes          | 1          | 0           | 2024-02-10 | 2024-02-09 |
 * | k5     | male   | 1960-01-01 |     | Leeds    | k5@x  |        | true         | false      | false       | 2024-02-15 | 2024-03-01 |
 *
 * Sessions (10:00Z):
 * | id | client | date  | order | pay | dim | lines              |
 * | s1 | k1     | 02-01 | yes   | 100 | web | A×2, B×1           |
 * | s2 | k2     | 02-10 | yes   | 30  | app | D×1                |
 * | s3 | k1     | 03-01 | yes   | 50  | web | A×1, C×5           |
 * | s4 | k2     | 03-05 | no    |     | web |                    |
 * | s5 | k3     | 03-10 | no    |     | web |                    |
 * | s6 | k4     | 03-15 | yes   | 20  | web | B×1                |
 * | s7 | z      | 03-20 | yes   | 10  | web |                    |
 * The last session_start, 03-20T10:00Z, is the default as-of instant.
 */
export function profileShop() {
  const columns = ['client', 'gender', 'birth_date', 'age', 'location', 'email', 'phone', 'email_opt_in', 'sms_opt_in', 'push_opt_in', 'signup_date', 'download_date'];
  const rows: Cell[][] = [
    ['k1', 'female', '1990-06-15', null, 'London', 'k1@x', '+44 1', 'true', 'false', 'true', '2024-01-05T10:00:00Z', '2023-12-20T10:00:00Z'],
    ['k2', 'male', null, '40', 'Leeds', 'k2@x', null, 'false', 'false', 'false', '2024-01-20T10:00:00Z', '2024-01-18T10:00:00Z'],
    ['k3', 'female', '2006-12-31', null, 'London', null, '+44 3', 'false', 'true', 'false', null, '2024-02-25T10:00:00Z'],
    ['k4', null, null, null, '', 'k4@x', '+44 4', 'yes', '1', '0', '2024-02-10T10:00:00Z', '2024-02-09T10:00:00Z'],
    ['k5', 'male', '1960-01-01', null, 'Leeds', 'k5@x', null, 'true', 'false', 'false', '2024-02-15T10:00:00Z', '2024-03-01T10:00:00Z'],
  ];
  return fixture({
    customers: { columns, rows, timeColumns: ['signup_date', 'download_date'] },
    sessions: [
      { id: 's1', client: 'k1', start: '2024-02-01T10:00:00Z', payment: 100, dimension: 'web' },
      { id: 's2', client: 'k2', start: '2024-02-10T10:00:00Z', payment: 30, dimension: 'app' },
      { id: 's3', client: 'k1', start: '2024-03-01T10:00:00Z', payment: 50, dimension: 'web' },
      { id: 's4', client: 'k2', start: '2024-03-05T10:00:00Z', purchased: false, dimension: 'web' },
      { id: 's5', client: 'k3', start: '2024-03-10T10:00:00Z', purchased: false, dimension: 'web' },
      { id: 's6', client: 'k4', start: '2024-03-15T10:00:00Z', payment: 20, dimension: 'web' },
      { id: 's7', client: 'z', start: '2024-03-20T10:00:00Z', payment: 10, dimension: 'web' },
    ],
    lines: [
      { order: 's1', product: 'A', price: 30, quantity: 2 },
      { order: 's1', product: 'B', price: 40, quantity: 1 },
      { order: 's2', product: 'D', price: 30, quantity: 1 },
      { order: 's3', product: 'A', price: 25, quantity: 1 },
      { order: 's3', product: 'C', price: 5, quantity: 5 },
      { order: 's6', product: 'B', price: 20, quantity: 1 },
    ],
  });
}
