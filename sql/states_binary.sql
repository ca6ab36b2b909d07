-- Binary send/recv of the aggregate states: they write key_result and kpi
-- fields exactly as the types do (one codec), behind format version 2, and
-- read back to equal states through binary COPY.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
SET search_path = okrkpi, public;
SET TimeZone = 'UTC';

CREATE TEMP TABLE states AS
SELECT 'rows=2; at=2026-01-01 00:00:00+00; value=15; kr=10 -> 20'::kr_state AS kr,
       'rows=1; at=2026-01-01 00:00:00+00; value=1.5; kpi=<= 2% @ 1.5%'::kpi_state AS kpi,
       'rows=3; mean_weight=2; weighted_mean=0.5'::mean_state AS mean;

-- version byte 2; kr_state: 8 (rows) + 8 (at) + 8 (value) + the key result as
-- key_result_send writes it without its own version byte: unit, has_current,
-- start, target (18 bytes)
SELECT substr(kr_state_send(kr), 1, 1) AS version,
       length(kr_state_send(kr)) = 1 + 8 + 8 + 8 + 18 AS kr_state_length,
       substr(kr_state_send(kr), 26) = substr(key_result_send('10 -> 20'), 2) AS kr_fields_as_the_type,
       length(kpi_state_send(kpi)) = 1 + 8 + 8 + 8 + (3 + 8 + 8) AS kpi_state_length,
       substr(kpi_state_send(kpi), 26) = substr(kpi_send('<= 2% @ 1.5%'), 2) AS kpi_fields_as_the_type
FROM states;

\copy states TO 'results/states.bin' WITH (FORMAT binary)
CREATE TEMP TABLE states_back (LIKE states);
\copy states_back FROM 'results/states.bin' WITH (FORMAT binary)
SELECT s.kr::text = b.kr::text AS kr_same, s.kpi::text = b.kpi::text AS kpi_same,
       s.mean::text = b.mean::text AS mean_same, b.kr::text
FROM states s, states_back b;

-- A state's unit sign must be one the database encoding can show, as for the types
-- themselves: '€' sent from this UTF-8 database cannot enter a LATIN1 one (22P05,
-- no equivalent), while '£' can (LATIN1 has it).  One column per file, so each copy
-- tests one state type.
SELECT current_database() AS utf8_db \gset
CREATE TEMP TABLE euro_states AS
SELECT 'rows=1; at=2026-01-01 00:00:00+00; value=1; kr=€1 -> €2'::kr_state AS kr,
       'rows=1; at=2026-01-01 00:00:00+00; value=1; kpi=>= €5'::kpi_state AS kpi,
       'rows=1; at=2026-01-01 00:00:00+00; value=1; kr=€1 -> €2; deadline=2026-02-01 00:00:00+00; first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=0; sum_v=1; sxx=0; sxy=0'::forecast_state AS forecast,
       'rows=1; at=2026-01-01 00:00:00+00; value=1; kr=£1 -> £2'::kr_state AS pound;
\copy (SELECT kr FROM euro_states) TO 'results/euro_kr.bin' WITH (FORMAT binary)
\copy (SELECT kpi FROM euro_states) TO 'results/euro_kpi.bin' WITH (FORMAT binary)
\copy (SELECT forecast FROM euro_states) TO 'results/euro_forecast.bin' WITH (FORMAT binary)
\copy (SELECT pound FROM euro_states) TO 'results/pound_kr.bin' WITH (FORMAT binary)
SET client_min_messages = warning;
DROP DATABASE IF EXISTS okrkpi_latin1;
RESET client_min_messages;
CREATE DATABASE okrkpi_latin1 TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C';
\c okrkpi_latin1
SET client_encoding = 'UTF8';
SET client_min_messages = warning;
CREATE EXTENSION okrkpi;
RESET client_min_messages;
SET TimeZone = 'UTC';
CREATE TABLE back (kr okrkpi.kr_state, kpi okrkpi.kpi_state, forecast okrkpi.forecast_state);
\set VERBOSITY sqlstate
\copy back (kr) FROM 'results/euro_kr.bin' WITH (FORMAT binary)
\copy back (kpi) FROM 'results/euro_kpi.bin' WITH (FORMAT binary)
\copy back (forecast) FROM 'results/euro_forecast.bin' WITH (FORMAT binary)
\set VERBOSITY default
\copy back (kr) FROM 'results/pound_kr.bin' WITH (FORMAT binary)
SELECT kr::text, kpi, forecast FROM back;
\c :utf8_db
DROP DATABASE okrkpi_latin1;
