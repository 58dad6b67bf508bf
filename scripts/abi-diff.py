#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The static ABI check of kernels that hand state to each other: for
each pair of consecutive kernel sources, compare the serialization ABI
headers (include/linux/kho/abi/*.h) and print one line per finding.

    abi-diff.py KSRC_A KSRC_B [KSRC_C ...]

A header's struct, union and enum definitions and its macros are compared
with comments and whitespace stripped. A struct's layout also changes
when something it uses changes: a struct it embeds, a macro or an enum
constant of its array sizes (from the ABI headers and the uapi headers
they include). Every definition is versioned by a compatible string: the
one its kernel-doc comment names, else its header's own *_COMPATIBLE
strings, else the one the header's comment names (block.h names
KHO_FDT_COMPATIBLE of kexec_handover.h), else a *_VERSION number of the
header (kexec_metadata.h).

Findings:
  layout changed, compatible string kept: struct S (H: NAME "v" in both)
      the next kernel reads the old bytes with a new layout (exit 1)
  layout changed, no compatible string: struct S (H)          (exit 1)
  layout changed, compatible string changed: ...   a versioned change
  compatible string changed: H: NAME "a" -> "b"
  definitions changed, compatible string kept: enum E: ... / #define M
  struct added / struct removed / header added / header removed
Exit: 0 no unversioned layout change, 1 one at least, 3 bad input.
"""
import os
import re
import sys

ABI_DIR = "include/linux/kho/abi"
TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\w+|\S')
COMPAT_NAME = re.compile(r"\b([A-Z][A-Z0-9_]*_COMPATIBLE)\b")


def die(msg):
    print(f"abi-diff.py: error: {msg}", file=sys.stderr)
    sys.exit(3)


def norm(text):
    """Text as its tokens: no whitespace or comment differences."""
    return " ".join(TOKEN.findall(text))


def blank_comments(raw):
    """raw with its comments blanked (same length, newlines kept) and
    its line continuations joined, so offsets stay those of raw."""
    def blank(m):
        if m.group(0).startswith('"'):
            return m.group(0)
        return re.sub(r"[^\n]", " ", m.group(0))
    code = re.sub(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|/\*.*?\*/', blank, raw,
                  flags=re.S)
    return code.replace("\\\n", "  ")


def block_end(code, i):
    """Index after the '}' matching the '{' at code[i]."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(code)


def enum_consts(body):
    """NAME -> normalised value of an enum body; an implicit value is
    the previous constant plus one."""
    consts, prev, depth, part = {}, None, 0, ""
    for c in body + ",":
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            name, _, expr = part.partition("=")
            name = name.strip()
            if name:
                consts[name] = norm(expr) if expr else \
                    (f"{prev} + 1" if prev else "0")
                prev = name
            part = ""
        else:
            part += c
    return consts


class Header:
    """One header: its definitions and the compatible strings that
    version them."""

    def __init__(self, path):
        self.name = os.path.basename(path)
        with open(path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
        code = blank_comments(raw)
        comments = "".join(r for r, c in zip(raw, code) if r != c)
        self.compat = {}    # NAME -> "value" defined here
        self.macros = {}    # NAME -> normalised definition
        self.version = {}   # NAME -> number, of *_VERSION macros
        self.uapi = []      # the uapi headers it includes
        lines = code.split("\n")
        for n, line in enumerate(lines):
            m = re.match(r"\s*#\s*define\s+(\w+)(\([^)]*\))?(.*)", line)
            if m:
                name, args, body = m.group(1), m.group(2), m.group(3)
                cm = re.fullmatch(r'\s*("[^"]*")\s*', body)
                if name.endswith("_COMPATIBLE") and not args and cm:
                    self.compat[name] = cm.group(1)
                elif body.strip() or args:
                    self.macros[name] = norm((args or "") + body)
                if name.endswith("_VERSION") and re.fullmatch(r"\s*\d+\s*", body):
                    self.version[name] = body.strip()
            m = re.match(r"\s*#\s*include\s*<(uapi/[^>]+)>", line)
            if m:
                self.uapi.append(m.group(1))
            if line.lstrip().startswith("#"):
                lines[n] = " " * len(line)
        code = "\n".join(lines)
        self.defs = {}      # "struct S" / "union U" -> normalised text
        self.doc = {}       # "struct S" -> compatible names its comment names
        self.enums = {}     # "enum E" -> {CONST: value}
        pos = 0
        for m in re.finditer(r"\b(struct|union|enum)\s+(\w+)\s*\{", code):
            if m.start() < pos:
                continue    # nested in the previous definition
            end = block_end(code, m.end() - 1)
            semi = code.find(";", end)
            pos = semi + 1 if semi >= 0 else end
            key = f"{m.group(1)} {m.group(2)}"
            if m.group(1) == "enum":
                self.enums[key] = enum_consts(code[m.end():end - 1])
                continue
            self.defs[key] = norm(code[m.start():pos])
            before = raw[:m.start()].rstrip()
            if before.endswith("*/"):
                doc = before[before.rfind("/*"):]
                self.doc[key] = sorted(set(COMPAT_NAME.findall(doc)))
        self.named = sorted(set(COMPAT_NAME.findall(comments)) -
                            set(self.compat))

    def consts(self):
        return {k: v for e in self.enums.values() for k, v in e.items()}


class Source:
    """The ABI headers of one kernel source."""

    def __init__(self, top):
        self.top = top
        d = os.path.join(top, ABI_DIR)
        if not os.path.isdir(d):
            die(f"{top}: no {ABI_DIR} (not a kernel source with KHO)")
        self.headers = {}
        for f in sorted(os.listdir(d)):
            if f.endswith(".h"):
                self.headers[f] = Header(os.path.join(d, f))
        if not self.headers:
            die(f"{top}: {ABI_DIR} holds no header")
        # what a layout can use: the ABI headers' definitions and those
        # of the uapi headers they include
        self.sym = {}
        extra = {u for h in self.headers.values() for u in h.uapi}
        for u in sorted(extra):
            p = os.path.join(top, "include", u)
            if os.path.isfile(p):
                self._add(Header(p))
        for h in self.headers.values():
            self._add(h)

    def _add(self, h):
        self.sym.update(h.macros)
        self.sym.update(h.consts())
        self.sym.update(h.defs)
        self.sym.update(h.compat)

    def compat_value(self, name):
        for h in self.headers.values():
            if name in h.compat:
                return h.compat[name]
            if name in h.version:
                return h.version[name]
        return None

    def governing(self, h, key=None):
        """The names that version definition key of header h."""
        if key and h.doc.get(key):
            return h.doc[key]
        return sorted(h.compat) or h.named or sorted(h.version)


def uses(text):
    """The symbols a normalised definition refers to."""
    toks = text.split()
    out = set()
    for i, t in enumerate(toks):
        if t in ("struct", "union") and i + 1 < len(toks):
            out.add(f"{t} {toks[i + 1]}")
        elif re.fullmatch(r"[A-Za-z_]\w*", t):
            out.add(t)
    return out


def changed_uses(key, a, b):
    """The symbols key uses, directly or not, whose definition differs
    between sources a and b (key itself left out)."""
    seen, todo, changed = {key}, [key], []
    while todo:
        k = todo.pop()
        for u in sorted(uses(a.sym.get(k, "")) | uses(b.sym.get(k, ""))):
            if u in seen or (u not in a.sym and u not in b.sym):
                continue
            seen.add(u)
            if a.sym.get(u) != b.sym.get(u):
                changed.append(u)
            todo.append(u)
    return changed


def versioning(names, h, a, b):
    """(kept, text): whether the versioning names are equal in both, and
    how a finding names them."""
    if not names:
        return None, h
    parts, kept = [], True
    for n in names:
        va, vb = a.compat_value(n), b.compat_value(n)
        if va == vb:
            parts.append(f"{n} {va}")
        else:
            kept = False
            parts.append(f"{n} {va or '(none)'} -> {vb or '(none)'}")
    return kept, f"{h}: {', '.join(parts)}{' in both' if kept else ''}"


def diff(a, b):
    """The findings between sources a and b; the second value is true
    when a layout changed with nothing versioning it."""
    out, bad = [], False
    for name in sorted(set(a.headers) | set(b.headers)):
        ha, hb = a.headers.get(name), b.headers.get(name)
        if not ha or not hb:
            out.append(f"header {'added' if hb else 'removed'}: {name} "
                       f"(in {b.top if hb else a.top} only)")
            continue
        for n in sorted(set(ha.compat) | set(hb.compat)):
            va, vb = ha.compat.get(n), hb.compat.get(n)
            if va != vb:
                out.append(f"compatible string changed: {name}: {n} "
                           f"{va or '(none)'} -> {vb or '(none)'}")
        for key in sorted(set(ha.defs) | set(hb.defs)):
            names = sorted(set(a.governing(ha, key)) | set(b.governing(hb, key)))
            kept, ver = versioning(names, name, a, b)
            if key not in ha.defs or key not in hb.defs:
                what = "added" if key in hb.defs else "removed"
                out.append(f"{key.split()[0]} {what}: {key} ({ver})")
                continue
            via = changed_uses(key, a, b)
            if ha.defs[key] == hb.defs[key] and not via:
                continue
            through = ""
            if ha.defs[key] == hb.defs[key]:
                through = ", through " + ", ".join(via[:3]) + \
                    (", ..." if len(via) > 3 else "")
            if kept is None:
                out.append(f"layout changed, no compatible string: "
                           f"{key}{through} ({ver})")
                bad = True
            elif kept:
                out.append(f"layout changed, compatible string kept: "
                           f"{key}{through} ({ver})")
                bad = True
            else:
                out.append(f"layout changed, compatible string changed: "
                           f"{key}{through} ({ver})")
        kept, ver = versioning(sorted(set(a.governing(ha)) |
                                      set(b.governing(hb))), name, a, b)
        state = {None: "no compatible string", True: "compatible string kept",
                 False: "compatible string changed"}[kept]
        for e in sorted(set(ha.enums) | set(hb.enums)):
            ca, cb = ha.enums.get(e, {}), hb.enums.get(e, {})
            what = [f"{c} {'added' if c not in ca else 'removed' if c not in cb else 'changed'}"
                    for c in sorted(set(ca) | set(cb)) if ca.get(c) != cb.get(c)]
            if what or (e in ha.enums) != (e in hb.enums):
                out.append(f"definitions changed, {state}: {e}: "
                           f"{', '.join(what) or 'added or removed'} ({ver})")
        for m in sorted(set(ha.macros) | set(hb.macros)):
            ma, mb = ha.macros.get(m), hb.macros.get(m)
            if ma != mb:
                what = "added" if ma is None else "removed" if mb is None else "changed"
                out.append(f"definitions changed, {state}: #define {m} {what} ({ver})")
    return out, bad


def main(argv):
    if len(argv) < 2:
        die("usage: abi-diff.py KSRC_A KSRC_B [KSRC_C ...] (two kernel sources at least)")
    srcs = [Source(p) for p in argv]
    bad = False
    for a, b in zip(srcs, srcs[1:]):
        if len(srcs) > 2:
            print(f"# {a.top} -> {b.top}")
        found, worse = diff(a, b)
        bad = bad or worse
        for line in found:
            print(line)
        if not found:
            print(f"no differences in {ABI_DIR}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
