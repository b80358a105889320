-- platform.variant: the hidden second version of the platform dataset, for grading exercises.
--
-- The SQL lab runs this after platform.sql and grades every exercise on both versions: a query
-- that follows the task's rule gives the right answer on both, while one that types in the
-- visible answer (ids, counts, names) fails here. Learners never see this data.
--
-- What changes (deterministically, like the dataset itself):
--   * every 7th account moves up a plan, accounts 1001-1010 are new, some tags change;
--   * every 11th event of the first week becomes an error with code 503, and 300 new events
--     arrive after the last one;
--   * every 9th paid order is refunded, and 200 new orders are placed;
--   * booking 891 moves out of the maintenance window, and two new bookings overlap one;
--   * 60 new help articles, and every 10th article gets the "faq" tag.

UPDATE accounts SET plan = CASE plan WHEN 'free' THEN 'team' ELSE 'business' END WHERE id % 7 = 0;
UPDATE accounts SET tags = array_append(tags, 'churn-risk') WHERE id % 13 = 0;
UPDATE accounts SET settings = jsonb_set(settings, '{theme}', '"dark"') WHERE id % 17 = 0;

INSERT INTO accounts (id, name, plan, country, tags, settings, created_at)
SELECT g, 'Variant Works ' || g, (ARRAY['free', 'team', 'business'])[1 + g % 3], (ARRAY['PT', 'CA', 'DE'])[1 + g % 3],
       CASE WHEN g % 2 = 0 THEN ARRAY['trial'] ELSE ARRAY['beta', 'vip'] END,
       jsonb_build_object('theme', 'dark', 'seats', g % 40, 'notifications', jsonb_build_object('email', true, 'weekly_digest', true)),
       timestamptz '2026-02-01 00:00:00+00' + (g - 1000) * interval '1 day'
FROM generate_series(1001, 1010) AS g;

UPDATE events
SET kind = 'error', payload = payload || '{"error": {"code": 503, "retry": true}}'
WHERE id % 11 = 0 AND occurred_at < timestamptz '2026-01-08 00:00:00+00';

INSERT INTO events (id, account_id, kind, occurred_at, payload)
SELECT g, 1001 + g % 10, (ARRAY['page_view', 'click', 'purchase', 'error'])[1 + g % 4],
       timestamptz '2026-04-01 01:00:00+00' + (g - 24000) * interval '5 minutes',
       jsonb_build_object('path', '/billing', 'device', 'mobile', 'ms', g % 700)
         || CASE WHEN g % 4 = 3 THEN '{"error": {"code": 500, "retry": false}}'::jsonb
                 WHEN g % 4 = 2 THEN jsonb_build_object('amount_cents', 1900 + g % 5 * 100)
                 ELSE '{}'::jsonb END
FROM generate_series(24001, 24300) AS g;

UPDATE orders SET status = 'refunded' WHERE status = 'paid' AND id % 9 = 0;

INSERT INTO orders (id, account_id, placed_at, status, currency, total_cents)
SELECT g, 1 + (g * 37) % 1010, timestamptz '2026-01-02 00:00:00+00' + (g - 12000) * interval '2 hours',
       (ARRAY['paid', 'pending', 'paid', 'refunded'])[1 + g % 4], (ARRAY['EUR', 'USD', 'CHF'])[1 + g % 3], 1000 + g % 50 * 75
FROM generate_series(12001, 12200) AS g;

UPDATE bookings SET during = tstzrange('2026-03-16 09:00+00', '2026-03-16 10:00+00') WHERE id = 891;
INSERT INTO bookings (id, room_id, account_id, during, attendees) VALUES
  (3001, 1, 1001, tstzrange('2026-03-09 05:30+00', '2026-03-09 06:30+00'), 3),
  (3002, 4, 1002, tstzrange('2026-03-16 07:30+00', '2026-03-16 07:45+00'), 2);

INSERT INTO articles (id, title, body, tags, published_at)
SELECT g, format('Rooms: %s', (ARRAY['booking rules', 'cancellations', 'accessibility'])[1 + g % 3]),
       'Rooms can be cancelled up to an hour before the booking starts. Refunds for paid rooms arrive within five days.',
       ARRAY['rooms', 'billing'], timestamptz '2026-09-01 09:00:00+00' + (g - 1200) * interval '1 day'
FROM generate_series(1201, 1260) AS g;
UPDATE articles SET tags = array_append(tags, 'faq') WHERE id % 10 = 0 AND NOT 'faq' = ANY (tags);

ANALYZE;
