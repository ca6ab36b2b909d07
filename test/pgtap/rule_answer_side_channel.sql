-- doc/security.md, "What a rule's answer tells": the errors hide a value the role may not
-- read, but whether a write passes a rule still depends on it, as with PostgreSQL's own
-- CHECK constraints.  This pins the behaviour the page describes.
\ir ../include/setup.sql
SELECT plan(5);

CREATE TABLE public.goals (id int PRIMARY KEY, obj int, baseline numeric, goal numeric, CHECK (goal > baseline));
CREATE TRIGGER kr BEFORE INSERT OR UPDATE ON public.goals FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal');
INSERT INTO public.goals VALUES (1, 1, 42.5, 100);
CREATE ROLE okrkpi_guesser NOLOGIN;
GRANT SELECT (id), UPDATE (baseline, goal) ON public.goals TO okrkpi_guesser;

SET LOCAL ROLE okrkpi_guesser;
SELECT throws_ok($$ UPDATE public.goals SET baseline = 40 WHERE id = 1 $$, '23514', NULL,
                 'a wrong guess for the frozen start is refused');
SELECT lives_ok($$ UPDATE public.goals SET baseline = 42.5 WHERE id = 1 $$,
                'the right guess passes: the answer tells whether the guess equals the hidden value');
-- PostgreSQL's own CHECK (goal > baseline) answers where the hidden baseline lies
SELECT throws_ok($$ UPDATE public.goals SET goal = 42 WHERE id = 1 $$, '23514', NULL,
                 'a goal at or below the hidden baseline fails the table''s CHECK');
SELECT lives_ok($$ UPDATE public.goals SET goal = 43 WHERE id = 1 $$,
                'a goal above it passes');
SELECT throws_ok($$ SELECT baseline FROM public.goals $$, '42501', NULL,
                 'while the role still cannot read the column');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
