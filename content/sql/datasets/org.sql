-- org: a small company org chart for the SQL track's recursive-query examples.
--
-- One table, employees, where manager_id points at another employee's id.
-- That self-reference turns the rows into a tree, which is what WITH
-- RECURSIVE walks in the lesson on recursive queries.
--
-- Written to run unchanged on SQLite 3.35+ and PostgreSQL 15+: plain types,
-- explicit ids, dates as quoted ISO literals.
--
-- A few details are deliberate, because lessons use them:
--   * employee 1 is the only root (manager_id is NULL);
--   * the longest chain has five levels: 1 > 2 > 5 > 7 > 12;
--   * employees 8, 9, 10, 11 and 12 manage nobody (leaves);
--   * there is no cycle; the lesson creates one inside BEGIN ... ROLLBACK.

CREATE TABLE employees (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  title        TEXT NOT NULL,
  manager_id   INTEGER REFERENCES employees(id),
  salary_cents INTEGER NOT NULL,
  hired_on     DATE NOT NULL
);

INSERT INTO employees (id, name, title, manager_id, salary_cents, hired_on) VALUES
  (1,  'Maria Rossi',   'Chief Executive',            NULL, 15000000, '2019-03-01'),
  (2,  'Tom Becker',    'CTO',                        1,    13000000, '2019-06-15'),
  (3,  'Priya Nair',    'CFO',                        1,    12500000, '2020-01-06'),
  (4,  'Lena Fischer',  'Head of Sales',              1,    11000000, '2020-09-01'),
  (5,  'Omar Haddad',   'Engineering Manager',        2,    10000000, '2021-02-01'),
  (6,  'Sofia Lind',    'Platform Lead',              2,     9500000, '2021-05-17'),
  (7,  'Jonas Weber',   'Senior Developer',           5,     8500000, '2022-01-10'),
  (8,  'Aiko Tanaka',   'Developer',                  5,     7000000, '2023-04-03'),
  (9,  'Ravi Mehta',    'Site Reliability Engineer',  6,     8000000, '2022-08-22'),
  (10, 'Clara Dubois',  'Accountant',                 3,     6000000, '2023-11-13'),
  (11, 'Noah Kim',      'Account Executive',          4,     6500000, '2024-02-05'),
  (12, 'Ines Costa',    'Junior Developer',           7,     5000000, '2025-09-01');
