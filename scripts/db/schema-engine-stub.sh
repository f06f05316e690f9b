#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded offline (see prisma.config.ts).
# Exiting non-zero matters: a stub that "succeeds" would make `prisma migrate` report work it never did.
echo "Prisma's native schema engine is not available offline; use npm run db:migrate (or db:status, db:migration)." >&2
exit 1
