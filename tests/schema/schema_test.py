#!/usr/bin/env python3
"""Checks workflows/schema.json and workflows/config.schema.json against the shipped files and a
set of good and broken documents.

Groups (run all when none is named):
  schema     the schema is itself a valid JSON Schema (draft-07)
  workflows  every workflows/*.yaml but propdesk.yaml passes the schema
  good       every tests/schema/good/*.yaml passes the schema
  docs       every complete workflow in docs/workflow-language.md (a ```yaml block whose
             first line is the `# yaml-language-server:` modeline) passes the schema
  broken     every tests/schema/broken/*.yaml FAILS the schema, at the place its
             `# expect-error-at:` comment names
  loader     the loader agrees on the valid side: `propdesk validate` (given with --propdesk)
             accepts the good documents and the documentation's examples without any finding

The engine configuration's schema (workflows/config.schema.json) has the same groups, prefixed:
  config-schema     the schema is valid, every property has a description
  config-shipped    workflows/propdesk.yaml passes it and starts with the modeline
  config-good       every tests/schema/config/good/*.yaml passes it
  config-docs       every ```yaml block of docs/configuration.md that starts with the modeline
  config-broken     every tests/schema/config/broken/*.yaml FAILS it where its comment says
(tests/config/config_documents_test.cpp has the C++ loader accept the good ones and the docs'.)

Needs python3 with PyYAML and jsonschema (Debian 12: python3-yaml, python3-jsonschema 4.10).
Prints one line per case and ends with "N passed, M failed"; exits 1 when anything failed.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DOC = ROOT / "docs" / "workflow-language.md"
CONFIG_DOC = ROOT / "docs" / "configuration.md"
CONFIG_FILE = "propdesk.yaml"
MODELINE = "# yaml-language-server: $schema="


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader read the way the YAML language server and the loader read the files: YAML 1.2
    scalars (only true/false are booleans, dates stay strings) and duplicate keys are errors."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


Yaml12Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text):
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 (a SafeLoader subclass)


def error_paths(errors):
    """Every error's path, descending into the alternatives of oneOf/anyOf."""
    for error in errors:
        yield ".".join(str(p) for p in error.absolute_path)
        yield from error_paths(error.context or [])


def describe(error):
    where = ".".join(str(p) for p in error.absolute_path) or "(top)"
    return f"{where}: {error.message[:160]}"


class Run:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, name, detail=""):
        self.passed += 1
        print(f"ok    {name}" + (f"  ({detail})" if detail else ""))

    def fail(self, name, detail):
        self.failed += 1
        print(f"FAIL  {name}: {detail}")


def rel(path):
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def check_valid(run, validator, name, text):
    try:
        doc = load_yaml(text)
    except yaml.YAMLError as e:
        run.fail(name, f"not YAML: {e}")
        return
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        run.fail(name, "; ".join(describe(e) for e in errors[:5]))
    else:
        run.ok(name)


def group_schema(run, schema, _validator, label="schema.json"):
    try:
        jsonschema.Draft7Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        run.fail(f"{label} is a valid draft-07 schema", e.message)
        return
    run.ok(f"{label} is a valid draft-07 schema")
    # Every property carries a description: editors show it as hover help.
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            for key in ("properties", "patternProperties"):
                for name, sub in node.get(key, {}).items():
                    if isinstance(sub, dict) and "description" not in sub:
                        missing.append(f"{path}/{key}/{name}")
            for key, sub in node.items():
                walk(sub, f"{path}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}/{i}")

    walk(schema, "#")
    # The if/then/else and not branches repeat properties only to narrow their types.
    missing = [m for m in missing if "/allOf/" not in m and "/not/" not in m]
    if missing:
        run.fail(f"{label}: every property has a description", ", ".join(missing[:10]))
    else:
        run.ok(f"{label}: every property has a description")


def group_files(pattern_dir, run, validator, skip=()):
    files = sorted(p for p in pattern_dir.glob("*.yaml") if p.name not in skip)
    if not files:
        run.fail(rel(pattern_dir), "no *.yaml files found")
    for path in files:
        check_valid(run, validator, rel(path), path.read_text(encoding="utf-8"))


def check_modeline(run, path, schema_file):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if first != MODELINE + "./" + schema_file:
        run.fail(rel(path), f"first line is not the modeline `{MODELINE}./{schema_file}`")


def group_workflows(run, _schema, validator):
    files = sorted(p for p in (ROOT / "workflows").glob("*.yaml") if p.name != CONFIG_FILE)
    for path in files:
        check_modeline(run, path, "schema.json")
    group_files(ROOT / "workflows", run, validator, skip=(CONFIG_FILE,))


def group_good(run, _schema, validator):
    group_files(HERE / "good", run, validator)


def doc_examples(doc=DOC, key="workflow"):
    """The complete examples in a page, as (line, text): the ```yaml blocks that start with the
    modeline and have the top-level `key` (`workflow:`; fragments of a workflow do not), or any
    block that starts with the modeline when `key` is None."""
    text = doc.read_text(encoding="utf-8")
    blocks = []
    for m in re.finditer(r"^```yaml\n(.*?)^```", text, re.S | re.M):
        if m.group(1).startswith(MODELINE) and (
                key is None or re.search(rf"^{key}:", m.group(1), re.M)):
            blocks.append((text.count("\n", 0, m.start()) + 2, m.group(1)))
    return blocks


def group_docs(run, _schema, validator, doc=DOC, key="workflow"):
    blocks = doc_examples(doc, key)
    if not blocks:
        run.fail(rel(doc), "no complete example (```yaml block starting with the modeline)")
    for line, body in blocks:
        check_valid(run, validator, f"{rel(doc)}:{line}", body)


def group_loader(run, _schema, _validator, propdesk=None):
    if not propdesk:
        run.fail("loader", "needs --propdesk PATH (the propdesk command)")
        return
    cases = [(rel(p), p.read_text(encoding="utf-8")) for p in sorted((HERE / "good").glob("*.yaml"))]
    cases += [(f"{rel(DOC)}:{line}", body) for line, body in doc_examples()]
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, text) in enumerate(cases):
            path = pathlib.Path(tmp) / f"case{i}.yaml"
            path.write_text(text, encoding="utf-8")
            done = subprocess.run([propdesk, "validate", str(path)], capture_output=True,
                                  text=True, timeout=60, check=False)
            findings = done.stderr.strip()
            if done.returncode != 0 or findings:
                run.fail(f"{name} (propdesk validate)", findings or f"exit {done.returncode}")
            else:
                run.ok(f"{name} (propdesk validate)")


def group_broken(run, _schema, validator, folder=HERE / "broken"):
    files = sorted(folder.glob("*.yaml"))
    if not files:
        run.fail(rel(folder), "no *.yaml files found")
    for path in files:
        name = rel(path)
        text = path.read_text(encoding="utf-8")
        what = re.search(r"^# broken: (.+)$", text, re.M)
        expect = re.search(r"^# expect-error-at: (\S*)\s*$", text, re.M)
        if not what or not expect:
            run.fail(name, "needs a `# broken: <what>` and a `# expect-error-at: <path>` comment")
            continue
        try:
            doc = load_yaml(text)
        except yaml.YAMLError as e:
            run.fail(name, f"not YAML (a broken document must break the schema, not YAML): {e}")
            continue
        errors = list(validator.iter_errors(doc))
        if not errors:
            run.fail(name, f"passed the schema but should not: {what.group(1)}")
            continue
        want = expect.group(1).strip()
        want = "" if want == "(top)" else want
        paths = set(error_paths(errors))
        if want not in paths:
            run.fail(name, f"rejected, but not at {want or '(top)'}: "
                     + "; ".join(describe(e) for e in errors[:3]))
            continue
        run.ok(name, what.group(1))


def group_config_shipped(run, _schema, validator):
    path = ROOT / "workflows" / CONFIG_FILE
    check_modeline(run, path, "config.schema.json")
    check_valid(run, validator, rel(path), path.read_text(encoding="utf-8"))


GROUPS = {
    "schema": group_schema,
    "workflows": group_workflows,
    "good": group_good,
    "docs": group_docs,
    "broken": group_broken,
    "loader": group_loader,
}

# The engine configuration's groups: run with the configuration schema.
CONFIG_GROUPS = {
    "config-schema": lambda run, s, v: group_schema(run, s, v, "config.schema.json"),
    "config-shipped": group_config_shipped,
    "config-good": lambda run, s, v: group_files(HERE / "config" / "good", run, v),
    "config-docs": lambda run, s, v: group_docs(run, s, v, CONFIG_DOC, None),
    "config-broken": lambda run, s, v: group_broken(run, s, v, HERE / "config" / "broken"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP",
                        help="any of: " + ", ".join([*GROUPS, *CONFIG_GROUPS]) + " (default: all)")
    parser.add_argument("--propdesk", help="the propdesk command, for the loader group")
    args = parser.parse_args()
    unknown = [g for g in args.groups if g not in GROUPS and g not in CONFIG_GROUPS]
    if unknown:
        parser.error("unknown group " + ", ".join(unknown))
    schema = json.loads((ROOT / "workflows" / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    config_schema = json.loads(
        (ROOT / "workflows" / "config.schema.json").read_text(encoding="utf-8"))
    config_validator = jsonschema.Draft7Validator(config_schema)
    run = Run()
    everything = [*(g for g in GROUPS if g != "loader" or args.propdesk), *CONFIG_GROUPS]
    for group in args.groups or everything:
        if group == "loader":
            group_loader(run, schema, validator, args.propdesk)
        elif group in CONFIG_GROUPS:
            CONFIG_GROUPS[group](run, config_schema, config_validator)
        else:
            GROUPS[group](run, schema, validator)
    print(f"{run.passed} passed, {run.failed} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
