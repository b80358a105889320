-- platform: the dataset behind the "PostgreSQL in practice" track.
--
-- A small software-as-a-service business: the accounts that subscribe, the events their users
-- cause (jsonb payloads), their orders, the meeting rooms they book (time ranges) and the help
-- articles they read (text for full-text search). Big enough that the planner has real choices
-- to make (24,000 events, 12,000 orders), so EXPLAIN shows indexes being used or not.
--
-- Every row is generated here by SQL, deterministically: generate_series numbers the rows, and
-- the "random" choices come from a multiplicative hash of that number (n * 2654435761, Knuth's
-- constant, taken modulo 2^32), never from random(). Different choices read different digits of
-- the hash (h % 1000, (h / 1000) % 100 …), so that they do not move together. Loading it twice gives the same data, on
-- PGlite and on PostgreSQL 15 or later.
--
-- Details the lessons rely on:
--   * events.occurred_at grows with events.id, so the table is stored in time order (BRIN);
--   * about 2% of events are errors, and only they have payload->'error';
--   * accounts.tags is a text[]; a few accounts have no tags at all (an empty array);
--   * bookings of one room never overlap; one booking (891) overlaps its room's maintenance window;
--   * ANALYZE at the end, so the planner's estimates come from the data.

CREATE TABLE accounts (
  id         integer PRIMARY KEY,
  name       text NOT NULL,
  plan       text NOT NULL CHECK (plan IN ('free', 'team', 'business')),
  country    text NOT NULL,
  tags       text[] NOT NULL DEFAULT '{}',
  settings   jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);

INSERT INTO accounts (id, name, plan, country, tags, settings, created_at)
SELECT
  g,
  (ARRAY['Blue', 'Quiet', 'North', 'Bright', 'Copper', 'Maple', 'Silver', 'Harbor', 'Pine', 'Orbit'])[1 + h % 10]
    || ' ' || (ARRAY['Labs', 'Works', 'Studio', 'Systems', 'Foods', 'Logistics', 'Health', 'Media'])[1 + (h / 10) % 8]
    || ' ' || g,
  CASE WHEN h % 10 < 6 THEN 'free' WHEN h % 10 < 9 THEN 'team' ELSE 'business' END,
  (ARRAY['DE', 'FR', 'US', 'GB', 'NL', 'SE', 'ES', 'JP', 'BR', 'IN'])[1 + (h / 100) % 10],
  ARRAY(
    SELECT t FROM unnest(ARRAY['beta', 'edu', 'nonprofit', 'partner', 'trial', 'vip']) WITH ORDINALITY AS u(t, k)
    WHERE (h >> (k::int * 3)) % 5 = 0
    ORDER BY k
  ),
  jsonb_build_object(
    'theme', CASE WHEN h % 3 = 0 THEN 'dark' ELSE 'light' END,
    'seats', 1 + (h / 7) % 50,
    'notifications', jsonb_build_object('email', h % 4 <> 0, 'weekly_digest', h % 5 = 0)
  ),
  timestamptz '2024-01-01 00:00:00+00' + (g * interval '15 hours') + ((h % 3600) * interval '1 second')
FROM (SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series(1, 1000) AS g) AS s;

CREATE TABLE events (
  id          bigint PRIMARY KEY,
  account_id  integer NOT NULL,
  kind        text NOT NULL,
  occurred_at timestamptz NOT NULL,
  payload     jsonb NOT NULL
);

INSERT INTO events (id, account_id, kind, occurred_at, payload)
SELECT
  g,
  1 + h % 1000,
  kind,
  timestamptz '2026-01-01 00:00:00+00' + (g * interval '324 seconds') + ((h / 100000) % 120) * interval '1 second',
  jsonb_build_object(
    'path', (ARRAY['/', '/pricing', '/docs', '/dashboard', '/settings', '/billing', '/reports', '/api'])[1 + (h / 7) % 8],
    'device', (ARRAY['desktop', 'desktop', 'mobile', 'tablet'])[1 + (h / 11) % 4],
    'ms', 20 + (h / 13) % 900
  ) || CASE
    WHEN kind = 'error' THEN jsonb_build_object('error', jsonb_build_object('code', (ARRAY[500, 502, 503, 504])[1 + (h / 17) % 4], 'retry', h % 2 = 0))
    WHEN kind = 'purchase' THEN jsonb_build_object('amount_cents', 900 + (h / 19) % 40 * 100)
    ELSE '{}'::jsonb
  END
FROM (
  SELECT g, h,
    CASE WHEN (h / 1000) % 100 < 70 THEN 'page_view' WHEN (h / 1000) % 100 < 90 THEN 'click'
         WHEN (h / 1000) % 100 < 95 THEN 'login' WHEN (h / 1000) % 100 < 98 THEN 'purchase' ELSE 'error' END AS kind
  FROM (SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series(1, 24000) AS g) AS n
) AS s;

CREATE TABLE orders (
  id          integer PRIMARY KEY,
  account_id  integer NOT NULL,
  placed_at   timestamptz NOT NULL,
  status      text NOT NULL CHECK (status IN ('pending', 'paid', 'refunded')),
  currency    text NOT NULL,
  total_cents integer NOT NULL CHECK (total_cents > 0)
);

INSERT INTO orders (id, account_id, placed_at, status, currency, total_cents)
SELECT
  g,
  1 + (h / 3) % 1000,
  timestamptz '2025-01-01 00:00:00+00' + (g * interval '43 minutes'),
  CASE WHEN h % 20 = 0 THEN 'refunded' WHEN h % 20 < 4 THEN 'pending' ELSE 'paid' END,
  (ARRAY['EUR', 'EUR', 'USD', 'GBP'])[1 + (h / 5) % 4],
  500 + (h / 23) % 300 * 50
FROM (SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series(1, 12000) AS g) AS s;

CREATE TABLE rooms (
  id       integer PRIMARY KEY,
  name     text NOT NULL UNIQUE,
  city     text NOT NULL,
  capacity integer NOT NULL,
  -- when the room cannot be booked (cleaning, repairs)
  maintenance tstzrange
);

INSERT INTO rooms (id, name, city, capacity, maintenance) VALUES
  (1, 'Aurora', 'Berlin', 8, tstzrange('2026-03-09 06:00+00', '2026-03-09 08:00+00')),
  (2, 'Basalt', 'Berlin', 4, NULL),
  (3, 'Cedar', 'Lisbon', 12, NULL),
  (4, 'Delta', 'Lisbon', 6, tstzrange('2026-03-16 06:00+00', '2026-03-16 08:00+00')),
  (5, 'Ember', 'Toronto', 10, NULL),
  (6, 'Fjord', 'Toronto', 4, NULL),
  (7, 'Garnet', 'Tokyo', 6, NULL),
  (8, 'Harbor', 'Tokyo', 16, NULL);

CREATE TABLE bookings (
  id         integer PRIMARY KEY,
  room_id    integer NOT NULL,
  account_id integer NOT NULL,
  during     tstzrange NOT NULL,
  attendees  integer NOT NULL
);

-- Room r's k-th slot starts 3 hours after its previous one (from 08:00 UTC on 2 March 2026), a
-- multiple of 15 minutes later, and lasts 30 to 120 minutes: slots of one room never overlap.
INSERT INTO bookings (id, room_id, account_id, during, attendees)
SELECT
  g,
  1 + g % 8,
  1 + (h / 7) % 1000,
  tstzrange(start, start + (30 + (h / 5) % 4 * 30) * interval '1 minute'),
  1 + (h / 3) % 6
FROM (
  SELECT g, h, timestamptz '2026-03-02 08:00:00+00' + (g / 8) * interval '3 hours' + (h % 4) * interval '15 minutes' AS start
  FROM (SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series(1, 3000) AS g) AS n
) AS s;

CREATE TABLE articles (
  id           integer PRIMARY KEY,
  title        text NOT NULL,
  body         text NOT NULL,
  tags         text[] NOT NULL,
  published_at timestamptz NOT NULL
);

-- Help-centre articles assembled from a few phrases per topic, so that words repeat the way they
-- do in real documentation and a text search finds some articles and not others.
INSERT INTO articles (id, title, body, tags, published_at)
SELECT
  g,
  format('%s: %s', topic, (ARRAY['a quick start', 'common questions', 'troubleshooting', 'best practices', 'what changed'])[1 + (h / 9) % 5]),
  format(
    '%s %s %s %s',
    (ARRAY[
      'This guide explains how to invite teammates and manage their roles.',
      'Billing runs on the first day of each month, and invoices are emailed to the account owner.',
      'Reports can be exported as CSV files or scheduled as a weekly email.',
      'Single sign-on connects your identity provider, so people log in with their work account.',
      'The API accepts JSON requests and returns errors with a code and a message.'
    ])[1 + h % 5],
    (ARRAY[
      'If a payment fails, we retry it three times before the account is paused.',
      'Rooms can be booked by the hour, and overlapping bookings are refused.',
      'Dashboards refresh every five minutes; large accounts may see a short delay.',
      'Deleting a project removes its reports, but invoices are kept for accounting.',
      'Mobile apps show the same data as the browser, with notifications turned on by default.'
    ])[1 + (h / 5) % 5],
    (ARRAY[
      'Administrators can change these settings at any time.',
      'Contact support if the problem continues after an hour.',
      'Free accounts have a limit of three projects.',
      'Business accounts get priority support and a dedicated contact.'
    ])[1 + (h / 25) % 4],
    CASE WHEN h % 7 = 0 THEN 'Note: the old export format was retired in 2025.' ELSE '' END
  ),
  ARRAY[lower(topic)] || CASE WHEN h % 3 = 0 THEN ARRAY['faq'] ELSE ARRAY[]::text[] END,
  timestamptz '2023-06-01 09:00:00+00' + g * interval '1 day'
FROM (
  SELECT g, h, (ARRAY['Billing', 'Teams', 'Reports', 'Security', 'API', 'Rooms'])[1 + (h / 3) % 6] AS topic
  FROM (SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series(1, 1200) AS g) AS n
) AS s;

-- The foreign keys are added after the rows: checking 40,000 rows in one query is much faster than
-- one trigger call per inserted row.
ALTER TABLE events ADD FOREIGN KEY (account_id) REFERENCES accounts (id);
ALTER TABLE orders ADD FOREIGN KEY (account_id) REFERENCES accounts (id);
ALTER TABLE bookings ADD FOREIGN KEY (room_id) REFERENCES rooms (id);
ALTER TABLE bookings ADD FOREIGN KEY (account_id) REFERENCES accounts (id);

-- Statistics for the planner. A smaller sample than the default (3,000 rows a table instead of
-- 30,000) keeps the load fast in the browser and is plenty for data this regular.
SET default_statistics_target = 10;
ANALYZE;
RESET default_statistics_target;
