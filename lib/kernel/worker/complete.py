"""Completion and help for the editor, from the live namespace (the standard library's
rlcompleter and inspect: offline, no jedi). Called by the worker only between runs.

Names are looked up, never evaluated: `df.` resolves `df` by dictionary and getattr, so asking
for completions cannot call a user's function (a property still runs, as in IPython)."""

import builtins
import json
import re
import sys

_MAX_ITEMS = 500
_MAX_KEYS = 1000
_MAX_DOC = 4000
# `name[` or `obj.attr["pre` at the end of the line: complete the mapping's keys.
_KEY = re.compile(r"([A-Za-z_][\w.]*)\[\s*(['\"])((?:[^'\"\\]|\\.)*)$")
# A dotted name at the end of the line (the word being typed, with what it hangs off).
_DOTTED = re.compile(r"[A-Za-z_][\w]*(?:\.[A-Za-z_]?\w*)*$")


def _namespace():
    return sys.modules["__main__"].__dict__


def _lookup(path):
    ns = _namespace()
    head, *rest = path.split(".")
    if head in ns:
        obj = ns[head]
    elif hasattr(builtins, head):
        obj = getattr(builtins, head)
    else:
        raise LookupError(head)
    for part in rest:
        obj = getattr(obj, part)
    return obj


def _kind(obj):
    import inspect

    if inspect.ismodule(obj):
        return "module"
    if inspect.isclass(obj):
        return "class"
    if callable(obj):
        return "function"
    return "variable"


def _keys(match):
    try:
        obj = _lookup(match.group(1))
        keys = obj.keys() if callable(getattr(obj, "keys", None)) else []
    except Exception:
        return None
    prefix = match.group(3)
    labels = []
    for key in keys:
        if len(labels) >= _MAX_KEYS:
            break
        if isinstance(key, str) and key.startswith(prefix):
            labels.append(key)
    return {"replace": len(prefix), "items": [{"label": k, "kind": "key"} for k in labels]}


def complete(line):
    """Completions for the end of `line` (the text before the cursor), as JSON:
    {"replace": characters before the cursor the item replaces, "items": [{"label", "kind"}]}."""
    key = _KEY.search(line)
    if key:
        found = _keys(key)
        if found is not None:
            return json.dumps(found)
    m = _DOTTED.search(line)
    text = m.group(0) if m else ""
    if not text or (m.start() > 0 and line[m.start() - 1].isdigit()):
        return json.dumps({"replace": 0, "items": []})
    import rlcompleter

    completer = rlcompleter.Completer(_namespace())
    owner, _, word = text.rpartition(".")
    try:
        owner_obj = _lookup(owner) if owner else None
    except Exception:
        return json.dumps({"replace": len(word), "items": []})
    seen = set()
    items = []
    state = 0
    while len(items) < _MAX_ITEMS:
        try:
            match = completer.complete(text, state)
        except Exception:
            break
        if match is None:
            break
        state += 1
        label = match.rstrip("(").rpartition(".")[2] if owner else match.rstrip("(")
        if not label or label in seen:
            continue
        seen.add(label)
        try:
            target = getattr(owner_obj, label) if owner else _lookup(label)
            kind = _kind(target)
        except Exception:
            kind = "keyword" if not owner and label.rstrip(" :") != label else "variable"
        items.append({"label": label.rstrip(" :"), "kind": kind})
    return json.dumps({"replace": len(word), "items": items})


def inspect_name(path):
    """Signature and docstring of the dotted name `path`, as JSON text (or null when unknown)."""
    import inspect

    try:
        obj = _lookup(path)
    except Exception:
        return json.dumps(None)
    head = path
    try:
        if callable(obj):
            head = f"{path}{inspect.signature(obj)}"
    except (TypeError, ValueError):
        pass
    kind = type(obj).__name__
    doc = inspect.getdoc(obj) if _kind(obj) != "variable" else None
    if doc is None:
        try:
            doc = repr(obj)
        except Exception:
            doc = ""
    if len(doc) > _MAX_DOC:
        doc = doc[:_MAX_DOC] + "…"
    return json.dumps({"signature": head, "type": kind, "doc": doc})
