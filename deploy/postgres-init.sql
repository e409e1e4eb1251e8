-- The serving role: it can log in, owns nothing, and can neither bypass
-- row-level security nor create objects. Migrations grant it what it needs.
CREATE ROLE peduli_app LOGIN PASSWORD 'change-me-app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
