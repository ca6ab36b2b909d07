#!/usr/bin/env python3
"""Run every ```sql block of the given Markdown files, as written, in order.

Each file is read top to bottom.  A block whose first statement is
`CREATE EXTENSION okrkpi` starts a scenario on a fresh database; every other
block continues the current scenario (same database, same psql session), and
a file whose first block does not create the extension gets a fresh database
with the extension already in it.  psql runs from the repository's root, so
`\\i demo/plan.sql` works as the docs write it.

A statement passes when it runs without error, except one whose last line
carries a comment `-- ERROR XXXXX`: it must fail with exactly that SQLSTATE.
A one-line statement with a trailing comment (`SELECT ...; -- 42`) that prints
one row must print what the comment says: the comment starts with the printed
value (columns joined by " | "), followed by nothing, a space, ':' or ','; a
value the comment shortens with "…" must start with the text before it.
Comments that describe rather than show a value go on a line of their own.

A block fenced "```sql citus" needs a Citus cluster (make citus-test runs what
doc/scale-out.md shows), one fenced "```sql metabase" is a Metabase native question
(no final ';', perhaps {{variables}}; test/jdbc runs them): both are counted and skipped; any other word after "```sql" is
an error, so a typo cannot hide a block.

Roles a scenario creates are dropped with its database.  Exits 1 on any
failure, printing the file, line, statement and what went wrong.
"""
import os
import re
import subprocess
import sys
import tempfile

MARK = '@@okrkpi-docs@@'
ERROR_COMMENT = re.compile(r'--\s*ERROR\s+([0-9A-Z]{5})\b')


SKIPPED = {'citus': 'needs a Citus cluster', 'metabase': 'a Metabase template'}
skipped = []


def sql_blocks(path):
    """(line number, text) of each ```sql block to run."""
    blocks, current, start, skipping = [], None, 0, False
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if skipping:
                skipping = stripped != '```'
            elif current is None:
                if stripped == '```sql':
                    current, start = [], number + 1
                elif stripped.startswith('```sql '):
                    word = stripped[len('```sql '):].strip()
                    if word not in SKIPPED:
                        sys.exit(f'{path}:{number}: unknown block kind "```sql {word}"')
                    skipped.append(f'{path}:{number}')
                    skipping = True
            elif stripped == '```':
                blocks.append((start, ''.join(current)))
                current = None
            else:
                current.append(line)
    if current is not None or skipping:
        sys.exit(f'{path}: unclosed ```sql block')
    return blocks


def statements(text, first_line):
    """Split a block into (line, statement) pairs the way psql reads them:
    backslash commands end at their line, SQL at a ';' outside quotes,
    dollar quotes and comments; a trailing '-- comment' stays with its
    statement."""
    out, i, n, begin = [], 0, len(text), None
    line = first_line

    def flush(end):
        nonlocal begin
        # the rest of the line (a trailing comment) belongs to this statement
        eol = text.find('\n', end)
        eol = n if eol < 0 else eol
        rest = text[end:eol]
        if rest.strip() == '' or rest.lstrip().startswith('--'):
            end = eol
        stmt_line = first_line + text.count('\n', 0, begin)
        out.append((stmt_line, text[begin:end]))
        begin = None
        return end

    while i < n:
        c = text[i]
        if begin is None:
            if c.isspace():
                i += 1
                continue
            if text.startswith('--', i):          # a comment line between statements
                j = text.find('\n', i)
                i = n if j < 0 else j
                continue
            begin = i
            if c == '\\':                          # psql meta-command: one line
                j = text.find('\n', i)
                i = flush(n if j < 0 else j)
                continue
        if text.startswith('--', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):            # comments nest in PostgreSQL
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith('/*', j):
                    depth, j = depth + 1, j + 2
                elif text.startswith('*/', j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            i = j
        elif c in ("'", '"'):
            # E'...' strings take backslash escapes
            escapes = (c == "'" and i > 0 and text[i - 1] in 'eE'
                       and (i < 2 or not (text[i - 2].isalnum() or text[i - 2] == '_')))
            j = i + 1
            while j < n:
                if escapes and text[j] == '\\':
                    j += 2
                    continue
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            i = j + 1
        elif c == '$':
            m = re.match(r'\$([A-Za-z_][A-Za-z_0-9]*)?\$', text[i:])
            if m and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == '_')):
                tag = m.group(0)
                j = text.find(tag, i + len(tag))
                i = n if j < 0 else j + len(tag)
            else:
                i += 1
        elif c == ';':
            i = flush(i + 1)
        else:
            i += 1
    if begin is not None and text[begin:].strip():
        out.append((first_line + text.count('\n', 0, begin), text[begin:]))
    return out


def trailing_comment(stmt):
    """The comment after the ';' of a one-line statement, or None."""
    if '\n' in stmt.strip():
        return None
    m = re.search(r';\s*--\s?(.*)$', stmt.strip())
    return m.group(1).strip() if m else None


def shows(comment, printed):
    value = ' | '.join(part.strip() for part in printed.split('|')).rstrip()
    value = {'t': 'true', 'f': 'false'}.get(value, value)
    if comment.startswith(value):
        rest = comment[len(value):]
        if rest == '' or rest[0] in ' :,':
            return True
    # "0.571… (4/7)": the value, shortened
    first = comment.split(' ', 1)[0]
    return first.endswith('…') and len(first) > 1 and value.startswith(first[:-1])


def psql(args, **kw):
    return subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1'] + args, text=True,
                          capture_output=True, **kw)


def roles():
    r = psql(['-d', 'postgres', '-At', '-c', 'SELECT rolname FROM pg_catalog.pg_roles'])
    return set(r.stdout.split())


def run_scenario(path, steps, db, fresh_extension):
    """Run (line, statement) steps in one psql session; return failures."""
    before = roles()
    subprocess.run(['dropdb', '--if-exists', db], check=True, capture_output=True)
    subprocess.run(['createdb', db], check=True)
    if fresh_extension:
        psql(['-d', db, '-c', 'CREATE EXTENSION okrkpi'], check=True)
    script = ['\\set ON_ERROR_STOP 0', '\\pset format unaligned', '\\pset tuples_only on',
              '\\pset footer off', '\\pset null NULL']
    for k, (line, stmt) in enumerate(steps):
        if stmt.lstrip().startswith('\\i'):
            # an included file must run whole: stop at its first error
            script += ['\\set ON_ERROR_STOP 1', stmt, '\\set ON_ERROR_STOP 0']
        else:
            script.append(stmt)
        script.append(f"\\echo {MARK} {k} :SQLSTATE :LAST_ERROR_MESSAGE")
    with tempfile.NamedTemporaryFile('w', suffix='.sql', delete=False) as f:
        f.write('\n'.join(script) + '\n')
        name = f.name
    try:
        r = subprocess.run(['psql', '-X', '-q', '-d', db, '-f', name], text=True,
                           capture_output=True)
    finally:
        os.unlink(name)
    failures, seen, printed = [], set(), []
    for out_line in r.stdout.splitlines():
        if not out_line.startswith(MARK + ' '):
            printed.append(out_line)
            continue
        fields = out_line.split(' ', 3)
        k, state = int(fields[1]), fields[2]
        message = fields[3] if len(fields) > 3 else ''
        seen.add(k)
        line, stmt = steps[k]
        where = f'{path}:{line}: {stmt.strip()}'
        wanted = ERROR_COMMENT.search(stmt.strip().splitlines()[-1])
        if wanted:
            if state != wanted.group(1):
                failures.append(f'{where}\n    wanted SQLSTATE {wanted.group(1)}, got {state}'
                                + (f' ({message})' if state != '00000' else ''))
        elif state != '00000':
            failures.append(f'{where}\n    failed: {state} {message}')
        else:
            comment = trailing_comment(stmt)
            is_query = re.match(r'\s*(SELECT|TABLE|VALUES|WITH)\b', stmt, re.I)
            if comment is not None and is_query and len(printed) == 1 and not shows(comment, printed[0]):
                failures.append(f'{where}\n    prints {printed[0]!r}, its comment says {comment!r}')
        printed = []
    missing = [k for k in range(len(steps)) if k not in seen]
    if missing:
        line, stmt = steps[missing[0]]
        failures.append(f'{path}:{line}: {stmt.strip()}\n    never finished (psql stopped):\n'
                        + r.stderr.strip()[-2000:])
    subprocess.run(['dropdb', db], check=True)
    for role in sorted(roles() - before):
        psql(['-d', 'postgres', '-c', f'DROP ROLE "{role}"'])
    return failures


def main(paths):
    failures, scenarios, count = [], 0, 0
    for path in paths:
        current, fresh = [], True
        pending = []
        for start, text in sql_blocks(path):
            steps = statements(text, start)
            if not steps:
                continue
            starts_over = re.match(r'\s*CREATE\s+EXTENSION\s+okrkpi\b', steps[0][1], re.I)
            if starts_over and current:
                pending.append((current, fresh))
                current = []
            if not current:
                fresh = not starts_over
            current += steps
        if current:
            pending.append((current, fresh))
        for steps, fresh in pending:
            scenarios += 1
            count += len(steps)
            failures += run_scenario(path, steps, 'okrkpi_docs', fresh)
    for failure in failures:
        print('FAIL', failure)
    print(f'docs: {count} statements in {scenarios} scenarios of {len(paths)} files, '
          f'{len(failures)} failed; {len(skipped)} blocks skipped (sql citus, sql metabase)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
