#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here.
# Only `prisma generate` needs a path to exist; migrations use scripts/migrate.mjs.
echo "The native Prisma schema engine is not installed. Use: npm run db:migrate (scripts/migrate.mjs)." >&2
exit 1
