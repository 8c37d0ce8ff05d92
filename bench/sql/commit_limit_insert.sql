-- W2's limit on PostgreSQL: one durable single-row commit per transaction (pgbench -f, autocommit).
INSERT INTO bench_commit_limit(at, who, crn) VALUES (now(), 'bench', 'X000000');
