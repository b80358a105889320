-- shop: the sample dataset behind the SQL track's examples.
--
-- A tiny online shop with four tables: customers, products, orders and the
-- order_items that link orders to products. Every lesson's SQL runs against
-- this data, so the numbers you see in a lesson are the numbers you get here.
--
-- Written to run unchanged on SQLite 3.35+ and PostgreSQL 15+: plain types,
-- explicit ids, dates as quoted ISO literals, booleans as TRUE/FALSE.
--
-- A few details are deliberate, because lessons use them:
--   * customer 3 has no city (NULL);
--   * customer 7 has never placed an order;
--   * products 2 and 10 have never been ordered, and product 10 is archived;
--   * some unit_price_cents differ from today's price_cents (discounts).

CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT NOT NULL UNIQUE,
  city       TEXT,
  created_at DATE NOT NULL
);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  archived    BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  ordered_at  DATE NOT NULL,
  status      TEXT NOT NULL
);

CREATE TABLE order_items (
  order_id         INTEGER NOT NULL REFERENCES orders(id),
  product_id       INTEGER NOT NULL REFERENCES products(id),
  quantity         INTEGER NOT NULL,
  unit_price_cents INTEGER NOT NULL,
  PRIMARY KEY (order_id, product_id)
);

INSERT INTO customers (id, name, email, city, created_at) VALUES
  (1, 'Ada Lovelace',  'ada@example.com',    'London',     '2025-11-03'),
  (2, 'Bilal Khan',    'bilal@example.com',  'Manchester', '2025-11-20'),
  (3, 'Chen Wei',      'chen@example.com',   NULL,         '2025-12-01'),
  (4, 'Dana Ortiz',    'dana@example.com',   'Madrid',     '2025-12-14'),
  (5, 'Eli Novak',     'eli@example.com',    'Prague',     '2026-01-05'),
  (6, 'Fatima Diallo', 'fatima@example.com', 'London',     '2026-01-18'),
  (7, 'Gustav Berg',   'gustav@example.com', 'Oslo',       '2026-02-02'),
  (8, 'Hana Sato',     'hana@example.com',   'Osaka',      '2026-02-25');

INSERT INTO products (id, name, category, price_cents, archived) VALUES
  (1,  'SQL Pocket Guide',            'books',       1999,  FALSE),
  (2,  'Database Design Notes',       'books',       2999,  FALSE),
  (3,  'Mechanical Keyboard',         'electronics', 8900,  FALSE),
  (4,  'USB-C Cable',                 'electronics', 999,   FALSE),
  (5,  'Noise-Cancelling Headphones', 'electronics', 14900, FALSE),
  (6,  'Coffee Grinder',              'kitchen',     4500,  FALSE),
  (7,  'Ceramic Mug',                 'kitchen',     1200,  FALSE),
  (8,  'A5 Notebook',                 'stationery',  450,   FALSE),
  (9,  'Gel Pen Set',                 'stationery',  650,   FALSE),
  (10, 'Desk Lamp',                   'electronics', 3500,  TRUE);

INSERT INTO orders (id, customer_id, ordered_at, status) VALUES
  (1,  1, '2026-01-10', 'shipped'),
  (2,  2, '2026-01-12', 'shipped'),
  (3,  1, '2026-01-25', 'shipped'),
  (4,  3, '2026-02-03', 'cancelled'),
  (5,  4, '2026-02-08', 'shipped'),
  (6,  5, '2026-02-15', 'paid'),
  (7,  2, '2026-02-20', 'shipped'),
  (8,  6, '2026-03-01', 'paid'),
  (9,  8, '2026-03-04', 'shipped'),
  (10, 1, '2026-03-09', 'cancelled'),
  (11, 4, '2026-03-15', 'paid'),
  (12, 3, '2026-03-20', 'paid');

INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES
  (1,  1, 1, 1999),
  (1,  7, 2, 1200),
  (2,  3, 1, 8900),
  (2,  4, 2, 999),
  (3,  8, 3, 450),
  (3,  9, 1, 650),
  (4,  5, 1, 14900),
  (5,  6, 1, 4500),
  (5,  7, 4, 1200),
  (6,  1, 2, 1999),
  (7,  4, 1, 999),
  (7,  8, 5, 450),
  (8,  3, 1, 7900),
  (9,  5, 1, 13900),
  (9,  4, 1, 999),
  (10, 6, 1, 4500),
  (11, 9, 2, 650),
  (11, 1, 1, 1999),
  (12, 7, 1, 1200),
  (12, 8, 2, 450);
