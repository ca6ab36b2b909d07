#!/usr/bin/env python3
"""META.json against the PGXN Meta Spec 1.0.0 and against okrkpi.control.

    python3 test/package/meta.py [ROOT]

ROOT (default: the repository) holds META.json and okrkpi.control.  Checks
the spec's required keys and the type of every key the spec defines (no
other keys but x_ custom ones), semantic versions, the license shortcuts the
spec lists, prereq phases and relationships and their version ranges,
resources' URIs; then okrkpi's own rules: META version ==
provides.okrkpi.version == default_version of okrkpi.control, the provided
files exist (the extension's an SQL file: pgxn load skips any other), PostgreSQL >= 15 at runtime and pgTAP for the tests,
release_status and resources present.

Then it checks itself: each planted fault below, made in a copy of the
files, must be reported, or the run fails.  Python's standard library only.
"""

import copy
import json
import os
import re
import sys
import tempfile
import urllib.parse

# The spec's SemVer 2.0.0 pattern (a Version), and a Version Range: a version
# or 0, with an optional operator, clauses joined by commas.
SEMVER = (r'(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)'
          r'(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?'
          r'(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?')
VERSION_RE = re.compile('^' + SEMVER + '$')
RANGE_CLAUSE_RE = re.compile(r'^(([=!]=|[<>]=?)\s*)?(' + SEMVER + '|0)$')

LICENSES = {
    'agpl_3', 'apache_1_1', 'apache_2_0', 'artistic_1', 'artistic_2', 'bsd',
    'freebsd', 'gfdl_1_2', 'gfdl_1_3', 'gpl_1', 'gpl_2', 'gpl_3', 'lgpl_2_1',
    'lgpl_3_0', 'mit', 'mozilla_1_0', 'mozilla_1_1', 'openssl', 'perl_5',
    'postgresql', 'qpl_1_0', 'ssleay', 'sun', 'zlib', 'open_source',
    'restricted', 'unrestricted', 'unknown',
}
PHASES = {'configure', 'build', 'test', 'runtime', 'develop'}
RELATIONS = {'requires', 'recommends', 'suggests', 'conflicts'}
RELEASE_STATUS = {'stable', 'testing', 'unstable'}
META_SPEC_URLS = {'https://pgxn.org/meta/spec.txt', 'http://pgxn.org/meta/spec.txt'}
REQUIRED = ['name', 'version', 'abstract', 'maintainer', 'license', 'provides', 'meta-spec']
OPTIONAL = ['description', 'generated_by', 'tags', 'no_index', 'prereqs',
            'release_status', 'resources']
MIN_POSTGRESQL = (15, 0, 0)


def is_custom(key):
    return isinstance(key, str) and re.match(r'^[xX]_.', key) is not None


def is_term(v):
    # at least two characters, no slash, backslash, space or control character
    return isinstance(v, str) and re.match(r'^[^/\\\s\x00-\x1f\x7f]{2,}$', v) is not None


def is_text(v):
    return isinstance(v, str) and len(v) >= 1


def is_uri(v):
    if not isinstance(v, str):
        return False
    u = urllib.parse.urlparse(v)
    return bool(u.scheme) and (bool(u.netloc) or u.scheme == 'mailto')


def is_path(v):
    # relative, Unix conventions
    return (isinstance(v, str) and len(v) >= 2 and not v.startswith('/')
            and '\\' not in v and '..' not in v.split('/'))


def semver_tuple(v):
    m = VERSION_RE.match(v)
    return tuple(int(m.group(i)) for i in (1, 2, 3))


def read_control(text):
    fields = {}
    for line in text.splitlines():
        m = re.match(r"^\s*(\w+)\s*=\s*'?(.*?)'?\s*$", line)
        if m and not line.lstrip().startswith('#'):
            fields[m.group(1)] = m.group(2)
    return fields


def check(meta, control_text, root):
    """Every fault found, as a list of messages (empty: valid)."""
    errors = []
    err = errors.append

    if not isinstance(meta, dict):
        return ['META.json is not a JSON object']
    for key in REQUIRED:
        if key not in meta:
            err('required key %r missing' % key)
    for key in meta:
        if key not in REQUIRED and key not in OPTIONAL and not is_custom(key):
            err('key %r is not in the spec (custom keys start x_)' % key)

    if 'name' in meta and not is_term(meta['name']):
        err('name %r is not a Term' % (meta['name'],))
    if 'version' in meta and not (isinstance(meta['version'], str) and VERSION_RE.match(meta['version'])):
        err('version %r is not a semantic version' % (meta['version'],))
    for key in ('abstract', 'description', 'generated_by'):
        if key in meta and not is_text(meta[key]):
            err('%s must be a non-empty string' % key)

    if 'maintainer' in meta:
        mt = meta['maintainer']
        if isinstance(mt, list):
            if not mt or not all(is_text(x) for x in mt) or len(set(mt)) != len(mt):
                err('maintainer must be a non-empty list of distinct non-empty strings')
        elif not is_text(mt):
            err('maintainer must be a string or a list of strings')

    if 'license' in meta:
        lic = meta['license']
        if isinstance(lic, str):
            if lic not in LICENSES:
                err('license %r is not one the spec lists' % lic)
        elif isinstance(lic, list):
            if not lic or len(set(map(str, lic))) != len(lic) or any(x not in LICENSES for x in lic):
                err('license list %r must name distinct licenses the spec lists' % (lic,))
        elif isinstance(lic, dict):
            if not lic or not all(is_uri(u) for u in lic.values()):
                err('license object must map names to license URIs')
        else:
            err('license must be a string, a list or an object')

    if 'meta-spec' in meta:
        ms = meta['meta-spec']
        if not isinstance(ms, dict):
            err('meta-spec must be an object')
        else:
            if not (isinstance(ms.get('version'), str) and re.match(r'^1\.0\.\d+$', ms['version'])):
                err('meta-spec version %r is not 1.0.x' % (ms.get('version'),))
            if 'url' in ms and ms['url'] not in META_SPEC_URLS:
                err('meta-spec url %r is not the spec\'s' % (ms['url'],))
            for k in ms:
                if k not in ('version', 'url') and not is_custom(k):
                    err('meta-spec key %r is not in the spec' % k)

    provides = meta.get('provides')
    if 'provides' in meta:
        if not isinstance(provides, dict) or not provides:
            err('provides must be a non-empty object')
            provides = {}
        for ext, data in provides.items():
            if not is_term(ext):
                err('provides key %r is not a Term' % ext)
            if not isinstance(data, dict):
                err('provides.%s must be an object' % ext)
                continue
            for k in ('file', 'version'):
                if k not in data:
                    err('provides.%s.%s missing' % (ext, k))
            for k, v in data.items():
                if k in ('file', 'docfile'):
                    if not is_path(v):
                        err('provides.%s.%s %r is not a relative Unix path' % (ext, k, v))
                    elif not os.path.isfile(os.path.join(root, v)):
                        err('provides.%s.%s %r does not exist' % (ext, k, v))
                elif k == 'version':
                    if not (isinstance(v, str) and VERSION_RE.match(v)):
                        err('provides.%s.version %r is not a semantic version' % (ext, v))
                elif k == 'abstract':
                    if not is_text(v):
                        err('provides.%s.abstract must be a non-empty string' % ext)
                elif not is_custom(k):
                    err('provides.%s key %r is not in the spec' % (ext, k))

    if 'tags' in meta:
        tags = meta['tags']
        if (not isinstance(tags, list) or not tags or len(set(map(str, tags))) != len(tags)
                or not all(isinstance(t, str) and 2 <= len(t) <= 255
                           and not re.search(r'[/\\\x00-\x1f\x7f]', t) for t in tags)):
            err('tags must be a non-empty list of distinct tags of 2 to 255 characters')

    if 'no_index' in meta:
        ni = meta['no_index']
        if not isinstance(ni, dict) or not ({'file', 'directory'} & set(ni)):
            err('no_index must be an object with file or directory')
        else:
            for k, v in ni.items():
                if k in ('file', 'directory'):
                    items = v if isinstance(v, list) else [v]
                    if not items or not all(is_path(p) for p in items):
                        err('no_index.%s must hold relative Unix paths' % k)
                elif not is_custom(k):
                    err('no_index key %r is not in the spec' % k)

    prereqs = meta.get('prereqs')
    if 'prereqs' in meta:
        if not isinstance(prereqs, dict) or not (PHASES & set(prereqs)):
            err('prereqs must be an object naming at least one phase')
            prereqs = {}
        for phase, rels in prereqs.items():
            if is_custom(phase):
                continue
            if phase not in PHASES:
                err('prereqs phase %r is not one of %s' % (phase, sorted(PHASES)))
                continue
            if not isinstance(rels, dict) or not (RELATIONS & set(rels)):
                err('prereqs.%s must name at least one relationship' % phase)
                continue
            for rel, deps in rels.items():
                if is_custom(rel):
                    continue
                if rel not in RELATIONS:
                    err('prereqs.%s relationship %r is not one of %s' % (phase, rel, sorted(RELATIONS)))
                    continue
                if not isinstance(deps, dict) or not deps:
                    err('prereqs.%s.%s must be a non-empty object' % (phase, rel))
                    continue
                for dep, rng in deps.items():
                    if not is_term(dep):
                        err('prereqs.%s.%s key %r is not a Term' % (phase, rel, dep))
                    ok = rng == 0 and not isinstance(rng, bool) or (
                        isinstance(rng, str) and all(
                            RANGE_CLAUSE_RE.match(c.strip()) for c in rng.split(',')))
                    if not ok:
                        err('prereqs.%s.%s.%s %r is not a version range' % (phase, rel, dep, rng))

    if 'release_status' in meta and meta['release_status'] not in RELEASE_STATUS:
        err('release_status %r is not one of %s' % (meta['release_status'], sorted(RELEASE_STATUS)))

    resources = meta.get('resources')
    if 'resources' in meta:
        if not isinstance(resources, dict) or not ({'homepage', 'bugtracker', 'repository'} & set(resources)):
            err('resources must be an object with homepage, bugtracker or repository')
            resources = {}
        for k, v in resources.items():
            if k == 'homepage':
                if not is_uri(v):
                    err('resources.homepage %r is not a URI' % (v,))
            elif k == 'bugtracker':
                if not isinstance(v, dict) or not ({'web', 'mailto'} & set(v)):
                    err('resources.bugtracker must have web or mailto')
                    continue
                for bk, bv in v.items():
                    if bk == 'web' and not is_uri(bv):
                        err('resources.bugtracker.web %r is not a URI' % (bv,))
                    elif bk == 'mailto' and not (isinstance(bv, str) and re.match(r'^[^@\s]+@[^@\s]+$', bv)):
                        err('resources.bugtracker.mailto %r is not an email address' % (bv,))
                    elif bk not in ('web', 'mailto') and not is_custom(bk):
                        err('resources.bugtracker key %r is not in the spec' % bk)
            elif k == 'repository':
                if not isinstance(v, dict) or not ({'url', 'type'} <= set(v) or 'web' in v):
                    err('resources.repository must have url and type, or web')
                    continue
                for rk, rv in v.items():
                    if rk in ('url', 'web') and not is_uri(rv):
                        err('resources.repository.%s %r is not a URI' % (rk, rv))
                    elif rk == 'type' and not (isinstance(rv, str) and re.match(r'^[a-z]+$', rv)):
                        err('resources.repository.type %r is not a lowercase word' % (rv,))
                    elif rk not in ('url', 'web', 'type') and not is_custom(rk):
                        err('resources.repository key %r is not in the spec' % rk)
            elif not is_custom(k):
                err('resources key %r is not in the spec' % k)

    # okrkpi's own rules: one version everywhere, the release's prerequisites.
    control = read_control(control_text)
    default_version = control.get('default_version')
    if not default_version:
        err('okrkpi.control has no default_version')
    elif meta.get('version') != default_version:
        err('META.json version %r differs from okrkpi.control default_version %r'
            % (meta.get('version'), default_version))
    if meta.get('name') != 'okrkpi':
        err('name %r is not okrkpi' % (meta.get('name'),))
    ext = provides.get('okrkpi') if isinstance(provides, dict) else None
    if not isinstance(ext, dict):
        err('provides names no extension okrkpi')
    else:
        if ext.get('version') != default_version:
            err('provides.okrkpi.version %r differs from okrkpi.control default_version %r'
                % (ext.get('version'), default_version))
        # pgxnclient's `pgxn load` runs CREATE EXTENSION only for a file
        # ending .sql: any other, the control file included, loads nothing
        if not (isinstance(ext.get('file'), str) and ext['file'].endswith('.sql')):
            err('provides.okrkpi.file %r is not an SQL file (pgxn load would skip the extension)'
                % (ext.get('file'),))
    if not isinstance(prereqs, dict):
        prereqs = {}
    runtime = (prereqs.get('runtime') or {}).get('requires') or {}
    pg = runtime.get('PostgreSQL')
    if not (isinstance(pg, str) and VERSION_RE.match(pg) and semver_tuple(pg) >= MIN_POSTGRESQL):
        err('prereqs.runtime.requires.PostgreSQL %r is not a version >= 15.0.0' % (pg,))
    test = prereqs.get('test') or {}
    if not any(isinstance(test.get(r), dict) and 'pgTAP' in test[r] for r in ('requires', 'recommends')):
        err('prereqs.test names no pgTAP')
    if 'release_status' not in meta:
        err('release_status missing')
    if not isinstance(resources, dict) or not {'repository', 'bugtracker'} <= set(resources):
        err('resources must name the repository and the bugtracker')
    return errors


def load(root):
    with open(os.path.join(root, 'META.json'), encoding='utf-8') as f:
        meta = json.load(f)
    with open(os.path.join(root, 'okrkpi.control'), encoding='utf-8') as f:
        control = f.read()
    return meta, control


def planted_faults():
    """(what, how to break META dict / control text, fragment the report must hold)."""
    def drop(*path):
        def f(m, c):
            d = m
            for k in path[:-1]:
                d = d.setdefault(k, {})
            d.pop(path[-1], None)
            return m, c
        return f

    def put(value, *path):
        def f(m, c):
            d = m
            for k in path[:-1]:
                d = d.setdefault(k, {})
            d[path[-1]] = value
            return m, c
        return f

    def control_version(v):
        def f(m, c):
            return m, re.sub(r"default_version = '[^']*'", "default_version = '%s'" % v, c)
        return f

    return [
        ('no name', drop('name'), "required key 'name'"),
        ('no maintainer', drop('maintainer'), "required key 'maintainer'"),
        ('no meta-spec', drop('meta-spec'), "required key 'meta-spec'"),
        ('a two-part version', put('0.3', 'version'), 'not a semantic version'),
        ('the extension one patch ahead', put('9.9.9', 'provides', 'okrkpi', 'version'), 'provides.okrkpi.version'),
        ('the control file moved on', control_version('9.9.9'), 'differs from okrkpi.control default_version'),
        ('a license the spec does not list', put('postgres', 'license'), 'not one the spec lists'),
        ('the control file as the provided file', put('okrkpi.control', 'provides', 'okrkpi', 'file'), 'pgxn load would skip'),
        ('a missing provided file', put('okrkpi.ctl', 'provides', 'okrkpi', 'file'), 'does not exist'),
        ('an unknown phase', put({'requires': {'pgTAP': 0}}, 'prereqs', 'testing'), "phase 'testing'"),
        ('an unknown relationship', put({'PostgreSQL': '15.0.0'}, 'prereqs', 'runtime', 'needs'), "relationship 'needs'"),
        ('a range that is not one', put('>= fifteen', 'prereqs', 'runtime', 'requires', 'PostgreSQL'), 'not a version range'),
        ('PostgreSQL 14', put('14.0.0', 'prereqs', 'runtime', 'requires', 'PostgreSQL'), '>= 15.0.0'),
        ('no pgTAP for the tests', drop('prereqs', 'test'), 'names no pgTAP'),
        ('meta-spec 2', put({'version': '2.0.0'}, 'meta-spec'), 'not 1.0.x'),
        ('a release status PGXN does not know', put('beta', 'release_status'), 'release_status'),
        ('a repository url without its type', put({'url': 'https://example.invalid/x.git'}, 'resources', 'repository'), 'url and type'),
        ('a bugtracker that is not a URI', put({'web': 'issues'}, 'resources', 'bugtracker'), 'not a URI'),
        ('a top-level key the spec lacks', put('https://example.invalid', 'homepage'), "key 'homepage' is not in the spec"),
        ('no resources', drop('resources'), 'repository and the bugtracker'),
        ('tags repeated', put(['okr', 'okr'], 'tags'), 'tags'),
    ]


def self_test(meta, control, root):
    """Each planted fault, written to a copy of the files, must be caught."""
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        # the copy unbroken first: it must pass, or the faults prove nothing
        for what, breaker, fragment in [('the unbroken copy', lambda m, c: (m, c), None)] + planted_faults():
            m, c = breaker(copy.deepcopy(meta), control)
            with open(os.path.join(tmp, 'META.json'), 'w', encoding='utf-8') as f:
                json.dump(m, f)
            with open(os.path.join(tmp, 'okrkpi.control'), 'w', encoding='utf-8') as f:
                f.write(c)
            # the provided files, as they are in the tree
            for data in meta.get('provides', {}).values():
                for name in (data.get('file'), data.get('docfile')):
                    if not name or not os.path.exists(os.path.join(root, name)):
                        continue
                    target = os.path.join(tmp, name)
                    if not os.path.lexists(target):
                        os.makedirs(os.path.dirname(target), exist_ok=True)
                        os.symlink(os.path.abspath(os.path.join(root, name)), target)
            errors = check(*load(tmp), tmp)
            if fragment is None:
                if errors:
                    missed.append('%s: %s' % (what, errors))
            elif not any(fragment in e for e in errors):
                missed.append('%s: expected %r, got %s' % (what, fragment, errors or 'no fault'))
    return len(planted_faults()), missed


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
    meta, control = load(root)
    errors = check(meta, control, root)
    for e in errors:
        print('META.json: %s' % e)
    if meta.get('resources') and '.invalid' in json.dumps(meta['resources']):
        print('META.json: note: resources name the placeholder host *.invalid (set the repository URL before a release)')
    planted, missed = self_test(meta, control, root)
    for m in missed:
        print('META check missed a planted fault: %s' % m)
    print('META.json %s: %s; %d planted faults, %d caught'
          % (meta.get('version'), 'valid' if not errors else '%d faults' % len(errors),
             planted, planted - len(missed)))
    return 1 if errors or missed else 0


if __name__ == '__main__':
    sys.exit(main())
