#!/usr/bin/env bash
# .pre-commit-hooks.yaml: the fields pre-commit 4 requires, non-deprecated stage names, and
# entries that name clef tools this build produces.
set -euo pipefail
python3 - "$CLEF_SOURCE_DIR/.pre-commit-hooks.yaml" "$CLEF_TOOLS_DIR" <<'PY'
import os, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
tools = sys.argv[2]
assert isinstance(hooks, list) and hooks, "the manifest is a non-empty list"
ids = set()
valid_stages = {"pre-commit", "pre-push", "commit-msg", "pre-merge-commit", "post-merge",
                "post-rewrite", "prepare-commit-msg", "post-checkout", "post-commit",
                "pre-rebase", "manual"}
for h in hooks:
    for field in ("id", "name", "entry", "language"):
        assert field in h and h[field], f"{h.get('id')}: missing {field}"
    assert h["id"] not in ids, f"duplicate id {h['id']}"
    ids.add(h["id"])
    assert h["language"] in ("system", "unsupported"), f"{h['id']}: language {h['language']}"
    assert h.get("pass_filenames") is False, f"{h['id']}: the tools read the index themselves"
    for stage in h.get("stages", []):
        assert stage in valid_stages, f"{h['id']}: stage {stage} is not a pre-commit 4 name"
    program = h["entry"].split()[0]
    assert os.access(os.path.join(tools, program), os.X_OK), f"{h['id']}: {program} is not built"
assert {"clef-lint", "clef-scan"} <= ids, ids
print("ok:", sorted(ids))
PY
