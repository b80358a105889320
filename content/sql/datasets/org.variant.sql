-- org.variant: the hidden second version of the org dataset, for grading exercises.
--
-- The SQL lab runs this after org.sql and grades every exercise on both versions, so a query
-- that types in the visible answer (ids, names) fails here. Learners never see this data.
--
-- What changes:
--   * a chair of the board (Ana Silva) becomes the root: the chief executive now has a manager;
--   * Aiko Tanaka moves from Omar Haddad's team to Sofia Lind's;
--   * two new hires at the bottom of the tree.
-- Same rules as org.sql: runs unchanged on SQLite 3.35+ and PostgreSQL 15+.

INSERT INTO employees (id, name, title, manager_id, salary_cents, hired_on) VALUES
  (13, 'Ana Silva',   'Chair of the Board', NULL, 9000000, '2018-01-15'),
  (14, 'Yusuf Demir', 'Support Engineer',   9,    5500000, '2026-01-12'),
  (15, 'Mia Jensen',  'Sales Associate',    11,   4800000, '2026-02-02');

UPDATE employees SET manager_id = 13 WHERE id = 1;
UPDATE employees SET manager_id = 6 WHERE id = 8;
