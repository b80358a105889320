-- shop.variant: the hidden second version of the shop dataset, for grading exercises.
--
-- The SQL lab runs this after shop.sql and grades every exercise on both versions: a query
-- that follows the task's rule gives the right answer on both, while one that types in the
-- visible answer (ids, names, a count, today's average) fails here. Learners never see this
-- data. Every exercise's reference answer must come out different on it; the exercise test
-- (lib/content/exercises.test.ts) checks that.
--
-- What changes:
--   * cities: Chen Wei's is now known, Fatima Diallo's is unknown, Dana Ortiz moved;
--   * three new customers, one of them (Jonas Ek) without orders, while Gustav Berg orders;
--   * prices move, a second product is archived, two products are added;
--   * order statuses change: orders 12 and 15 are cancelled, order 6 is shipped;
--   * five new orders and more order items.
-- Same rules as shop.sql: runs unchanged on SQLite 3.35+ and PostgreSQL 15+.

UPDATE customers SET city = 'Shanghai' WHERE id = 3;
UPDATE customers SET city = 'Barcelona' WHERE id = 4;
UPDATE customers SET city = NULL WHERE id = 6;

INSERT INTO customers (id, name, email, city, created_at) VALUES
  (9,  'Iris Moreau', 'iris@example.com',  'Manchester', '2026-03-02'),
  (10, 'Jonas Ek',    'jonas@example.com', NULL,         '2026-03-11'),
  (11, 'Kofi Mensah', 'kofi@example.com',  'Oslo',       '2025-10-28');

UPDATE products SET price_cents = 2499 WHERE id = 2;
UPDATE products SET price_cents = 1099 WHERE id = 4;
UPDATE products SET archived = TRUE WHERE id = 9;

INSERT INTO products (id, name, category, price_cents, archived) VALUES
  (11, 'Standing Desk', 'furniture',  39900, FALSE),
  (12, 'Index Cards',   'stationery', 300,   FALSE);

UPDATE orders SET status = 'shipped' WHERE id = 6;
UPDATE orders SET status = 'cancelled' WHERE id = 12;

INSERT INTO orders (id, customer_id, ordered_at, status) VALUES
  (13, 7,  '2026-03-22', 'paid'),
  (14, 9,  '2026-03-25', 'shipped'),
  (15, 2,  '2026-01-05', 'cancelled'),
  (16, 11, '2026-02-01', 'shipped'),
  (17, 8,  '2026-03-28', 'paid');

UPDATE order_items SET quantity = 3 WHERE order_id = 5 AND product_id = 7;

INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES
  (7,  1,  1,  1999),
  (13, 2,  1,  2499),
  (13, 12, 10, 300),
  (14, 11, 1,  37900),
  (14, 4,  3,  1099),
  (15, 3,  1,  8900),
  (16, 5,  1,  14900),
  (16, 7,  2,  1200),
  (17, 9,  3,  650);
