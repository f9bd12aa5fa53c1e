#!/usr/bin/python3
"""Validate plantrack's YAML (and status CSV) files against the JSON Schemas
in templates/.

    validate.py ROOT
        Checks every schema (Draft7Validator.check_schema), then every *.yaml
        and *.yml under ROOT/plans and ROOT/templates, and every status *.csv
        (templates/status.csv, plans/status/**), against the schema for its
        kind:
            plans/registries/**, templates/registry.yaml  -> registry
            plans/calendars/**                            -> calendar
            plans/status/**, templates/status.yaml        -> status
            any other plans/**, templates/plan.yaml       -> plan
        Prints "ok PATH" or "FAIL PATH: message" per file, then
        "N passed, M failed" on the last line. Exits 1 when a file fails or
        when no file was found.

    validate.py --expect-fail FILE SCHEMA
        SCHEMA is plan, registry, status or calendar (or a path to a schema
        file). Exits 0 only when FILE loads but fails that schema.

YAML is loaded with a SafeLoader that keeps dates as strings (2020-05-20 stays
"2020-05-20", as plantrack and YAML language servers read it) and rejects
duplicate keys. Besides the schema, a few rules the schema language cannot
state are checked: agency ids unique in a registry, group members that exist,
task ids unique in a plan; and the templates must load together as one
example (agencies, tasks and plan ids they refer to exist; a period exactly
for recurring tasks).

Needs Debian's python3-yaml and python3-jsonschema; run with /usr/bin/python3.
"""

import csv
import io
import json
import os
import re
import sys
import unicodedata

import jsonschema
import yaml

KINDS = ("plan", "registry", "status", "calendar")
CSV_COLUMNS = ["plan", "agency", "task", "period", "date", "ref", "note", "exempt"]
MAX_ERRORS = 5
ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"


class DateAsStringLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver, rejecting duplicate keys."""


DateAsStringLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            continue  # the base constructor reports it
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                "duplicate key %r (first at line %d)" % (key, seen[key].line + 1),
                key_node.start_mark)
        seen[key] = key_node.start_mark
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


DateAsStringLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                                   _construct_mapping)


class LoadError(Exception):
    pass


def load_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=DateAsStringLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise LoadError(" ".join(str(e).split()))


def load_csv(path):
    """A status CSV as the status document it stands for: {submissions: [...]}
    with empty cells left out."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, strict=True))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise LoadError(str(e))
    if not rows:
        raise LoadError("empty file: the header %s is missing" % ",".join(CSV_COLUMNS))
    header = [h.strip() for h in rows[0]]
    if header not in (CSV_COLUMNS, CSV_COLUMNS + ["extended"]):
        raise LoadError("header is %r, expected %s (an extended column may follow)"
                        % (",".join(rows[0]), ",".join(CSV_COLUMNS)))
    subs = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise LoadError("line %d: %d cells, the header has %d" % (n, len(row), len(header)))
        subs.append({k: v for k, v in zip(header, row) if v.strip() != ""})
    return {"submissions": subs}


def load(path):
    if path.endswith(".csv"):
        return load_csv(path)
    return load_yaml(path)


def load_schemas(root):
    schemas, problems = {}, []
    for kind in KINDS:
        p = os.path.join(root, "templates", kind + ".schema.json")
        try:
            with open(p, encoding="utf-8") as f:
                s = json.load(f)
            jsonschema.Draft7Validator.check_schema(s)
            schemas[kind] = jsonschema.Draft7Validator(s)
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
            problems.append((p, " ".join(str(e).split())[:500]))
    return schemas, problems


def where(err):
    parts = []
    for p in err.absolute_path:
        parts.append("[%d]" % p if isinstance(p, int) else ("." if parts else "") + str(p))
    return "".join(parts) or "(top)"


def describe(err):
    # For a oneOf/anyOf failure, name the error of the branch whose type
    # matched the value (a map that is not a string: the map's own error).
    if err.context:
        wrong_type = {e.relative_schema_path[0] for e in err.context
                      if e.validator == "type" and len(e.relative_schema_path) == 2}
        fitting = [e for e in err.context if e.relative_schema_path[0] not in wrong_type]
        if fitting:
            best = jsonschema.exceptions.best_match(fitting)
            if best is not None and len(best.message) < 300:
                return "%s: %s" % (where(best), best.message)
    msg = err.message
    if err.validator == "pattern" and isinstance(err.instance, str):
        if err.validator_value == ID_PATTERN:
            msg = "%r is not an id: lower-case ASCII letters, digits and '-' (so-ldtbxh)" % err.instance
        elif err.validator_value.startswith("^(?!"):
            msg = "%r is not a relative path inside the directory of this file" % err.instance
    elif err.validator == "type" and isinstance(err.instance, float):
        msg += " (write it in quotes: \"%s\")" % err.instance
    if len(msg) > 300:
        msg = msg[:300] + "…"
    return "%s: %s" % (where(err), msg)


def extra_checks(kind, doc):
    """Rules the schema cannot express (only on a schema-valid document)."""
    out = []

    def dups(items, what):
        seen = set()
        for i, item in enumerate(items):
            key = item.get("id")
            if key in seen:
                out.append("%s[%d].id: duplicate %s id %r" % (what, i, what.rstrip("s"), key))
            seen.add(key)

    if kind == "registry":
        dups(doc.get("agencies", []), "agencies")
        known = {a["id"] for a in doc.get("agencies", [])} | set(doc.get("groups", {}))
        for name, sel in sorted(doc.get("groups", {}).items()):
            if isinstance(sel, list):
                for i, ref in enumerate(sel):
                    if ref not in known:
                        out.append("groups.%s[%d]: %r is neither an agency nor a group" % (name, i, ref))
    elif kind == "plan":
        tasks = doc.get("tasks", [])
        seen = set()
        for i, t in enumerate(tasks):
            key = str(t.get("id"))
            if key in seen:
                out.append("tasks[%d].id: duplicate task id %r" % (i, key))
            seen.add(key)
    return out


def fold(name):
    """A loose form of an agency name for the templates' cross-check: case,
    marks, punctuation and spacing left out (looser than plantrack's rule)."""
    name = unicodedata.normalize("NFD", str(name).casefold().replace("đ", "d"))
    return "".join(c for c in name if c.isalnum() and not unicodedata.combining(c))


RECURRING = re.compile(r"h[aằà]ng (tháng|quý|năm)|định kỳ \d|\d tháng/năm|tháng sau tháng"
                       r"|tháng cuối quý|năm kế tiếp|\bevery\b", re.I)


def plan_context(plan_path, plan):
    """(agency ids, group members by name, names -> id) of the plan's registry."""
    reg = load_yaml(os.path.join(os.path.dirname(plan_path), str(plan.get("registry"))))
    agencies = {a["id"]: a for a in reg.get("agencies", [])}
    groups = reg.get("groups", {}) or {}

    def expand(ref, seen=()):
        if ref in agencies:
            return {ref}
        sel = groups.get(ref)
        if isinstance(sel, dict):
            kinds = sel["kind"] if isinstance(sel["kind"], list) else [sel["kind"]]
            return {i for i, a in agencies.items() if a.get("kind") in kinds}
        if isinstance(sel, list) and ref not in seen:
            return set().union(*[expand(r, seen + (ref,)) for r in sel]) if sel else set()
        return set()

    names = {}
    for i, a in agencies.items():
        for n in [i, a.get("name"), a.get("short")] + list(a.get("aliases") or []):
            if n:
                names[fold(n)] = i
    return agencies, groups, expand, names


def template_checks(path, kind, doc):
    """The templates must load together as one valid example: a plan's
    agencies exist in its registry; a status entry names a known plan, task
    and agency assigned to that task, with a period exactly when the task
    recurs. Only for files under templates/."""
    out = []
    here = os.path.dirname(path)
    try:
        if kind == "plan":
            agencies, groups, expand, _ = plan_context(path, doc)
            for i, t in enumerate(doc["tasks"]):
                refs = [("lead", r) for r in t.get("lead", [])] + [("support", r) for r in t.get("support", [])]
                if t.get("report_to"):
                    refs.append(("report_to", t["report_to"]))
                for key, ref in refs:
                    if ref not in agencies and ref not in groups:
                        out.append("tasks[%d].%s: %r is not in the registry" % (i, key, ref))
                    elif not expand(ref):
                        out.append("tasks[%d].%s: group %r selects no agency" % (i, key, ref))
        elif kind == "status":
            plans = {}
            for name in sorted(os.listdir(here)):
                p = os.path.join(here, name)
                if name.endswith((".yaml", ".yml")) and kind_of(os.path.dirname(here), p) == "plan":
                    d = load_yaml(p)
                    if isinstance(d, dict) and "plan" in d:
                        plans[d["plan"]] = (p, d)
            default = doc.get("plan")
            for i, sub in enumerate(doc["submissions"]):
                pid = sub.get("plan", default)
                if pid not in plans:
                    out.append("submissions[%d]: plan %r is not among %s" % (i, pid, sorted(plans)))
                    continue
                ppath, plan = plans[pid]
                _, _, expand, names = plan_context(ppath, plan)
                tasks = {str(t["id"]): t for t in plan["tasks"]}
                task = tasks.get(str(sub["task"]))
                if task is None:
                    out.append("submissions[%d].task: %r is not a task of %s" % (i, sub["task"], pid))
                    continue
                agency = names.get(fold(sub["agency"]))
                if agency is None:
                    out.append("submissions[%d].agency: %r is not in the registry" % (i, sub["agency"]))
                elif agency not in set().union(*[expand(r) for r in task["lead"]]):
                    out.append("submissions[%d].agency: %s is not assigned task %s" % (i, agency, task["id"]))
                due = task.get("due")
                recurring = isinstance(due, dict) or bool(due and RECURRING.search(str(due)))
                if recurring and "period" not in sub:
                    out.append("submissions[%d]: task %s recurs: period is required" % (i, task["id"]))
                if not recurring and "period" in sub:
                    out.append("submissions[%d]: task %s is one-off: no period" % (i, task["id"]))
    except (LoadError, KeyError, TypeError, AttributeError) as e:
        out.append("cross-check with the other templates failed: %s" % e)
    return out


def validate(path, kind, schemas):
    """Returns None when the file is valid, else a one-line message."""
    doc = load(path)
    if kind not in schemas:
        return "the %s schema could not be loaded" % kind
    errors = sorted(schemas[kind].iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    msgs = [describe(e) for e in errors]
    if not msgs:
        msgs = extra_checks(kind, doc)
    if not msgs and in_templates(path):
        msgs = template_checks(path, kind, doc)
    if not msgs:
        return None
    more = len(msgs) - MAX_ERRORS
    text = "; ".join(msgs[:MAX_ERRORS])
    if more > 0:
        text += "; and %d more" % more
    return "%s (checked as %s)" % (text, kind)


def in_templates(path):
    return os.path.basename(os.path.dirname(os.path.abspath(path))) == "templates"


def kind_of(root, path):
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    parts = rel.split("/")
    base = parts[-1].rsplit(".", 1)[0]
    if parts[0] == "templates":
        for k in ("registry", "status", "calendar"):
            if base == k or base.startswith(k + "-") or base.endswith("-" + k):
                return k
        return "plan"
    if len(parts) > 2 and parts[1] == "registries":
        return "registry"
    if len(parts) > 2 and parts[1] == "calendars":
        return "calendar"
    if len(parts) > 2 and parts[1] == "status":
        return "status"
    return "plan"


def find_files(root):
    found = []
    for top in ("plans", "templates"):
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if name.endswith((".yaml", ".yml")):
                    found.append(path)
                elif name.endswith(".csv"):
                    rel = os.path.relpath(path, root).replace(os.sep, "/")
                    if rel.startswith("plans/status/") or rel == "templates/status.csv":
                        found.append(path)
    return found


def main_root(root):
    schemas, problems = load_schemas(root)
    passed = failed = 0
    for p, msg in problems:
        print("FAIL %s: invalid schema: %s" % (os.path.relpath(p, root), msg))
        failed += 1
    files = find_files(root)
    for path in files:
        rel = os.path.relpath(path, root)
        kind = kind_of(root, path)
        try:
            msg = validate(path, kind, schemas)
        except LoadError as e:
            msg = "cannot load: %s" % e
        if msg is None:
            print("ok %s" % rel)
            passed += 1
        else:
            print("FAIL %s: %s" % (rel, msg))
            failed += 1
    if not files:
        print("no *.yaml file under %s/plans or %s/templates" % (root, root), file=sys.stderr)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not files else 0


def main_expect_fail(path, schema_arg):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if schema_arg in KINDS:
        schema_path = os.path.join(root, "templates", schema_arg + ".schema.json")
        kind = schema_arg
    else:
        schema_path = schema_arg
        kind = os.path.basename(schema_arg).split(".")[0]
    try:
        with open(schema_path, encoding="utf-8") as f:
            s = json.load(f)
        jsonschema.Draft7Validator.check_schema(s)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("FAIL %s: invalid schema: %s" % (schema_path, " ".join(str(e).split())[:500]))
        return 1
    try:
        msg = validate(path, kind, {kind: jsonschema.Draft7Validator(s)})
    except LoadError as e:
        print("FAIL %s: cannot load (not a schema failure): %s" % (path, e))
        return 1
    if msg is None:
        print("FAIL %s: expected to fail the %s schema, but it is valid" % (path, kind))
        return 1
    print("ok %s: rejected as expected: %s" % (path, msg))
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] not in ("-h", "--help"):
        return main_root(argv[1])
    if len(argv) == 4 and argv[1] == "--expect-fail":
        return main_expect_fail(argv[2], argv[3])
    print("usage: validate.py ROOT\n       validate.py --expect-fail FILE SCHEMA", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
