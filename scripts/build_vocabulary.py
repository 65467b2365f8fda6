"""Build ``pipeline/data/vocabulary.csv`` from the openly licensed taxonomies and the overlay.

Why a script and not a hand list: the stack that articles name is far larger than anyone
types in, and O*NET, ESCO, GitHub Linguist and devicon are maintained by people whose job
it is. The run never reads them: this script derives one compact table from them, filtered
to the AI/ML/data domain, in which every entry keeps the ids of the records it came from
(``source``), and ``scripts/vocabulary_overlay.csv`` adds or adjusts what they lack (kinds,
case rules, list contexts, rewordings such as "cleaning data", soft skills).

    .venv/bin/python scripts/build_vocabulary.py [--taxonomies DIR] [--check]

``--check`` exits 1 when the bundled table differs from what the sources give (a test runs
it when the taxonomies are present). What the domain filter keeps, per source:

- O*NET 29.2 ``Technology Skills``: the examples listed for the data scientist (15-2051),
  research scientist (15-1221), software developer (15-1252) and database architect
  (15-1243) families, in the commodity classes of data and development software; generic
  descriptions ("Data analysis software") are left out. Vendor prefixes ("The MathWorks
  MATLAB") and trailing acronyms ("... Simple Storage Service S3") give aliases.
- ESCO v1.2 digital skills: the knowledge items whose label names data, learning,
  statistics, AI or programming work; an alternative label is kept only when it shares a
  word with the preferred label or is its acronym (ESCO lists "tensorflow" under
  "computer vision", which is a tool, not a name of the skill).
- Linguist: programming languages that O*NET, ESCO or devicon also list, with their aliases.
- devicon: source ids and alternative names of technologies already kept.

Entries that share a printed form are merged (union-find over folded forms); the overlay's
name and flags win. Attribution of every source is written into the table's header.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TAXONOMIES = ROOT.parent / "shared" / "reference" / "taxonomies"
OVERLAY = Path(__file__).resolve().parent / "vocabulary_overlay.csv"
OUTPUT = ROOT / "pipeline" / "data" / "vocabulary.csv"
COLUMNS = ("kind", "name", "aliases", "case_sensitive", "sections", "context", "source")
LOG = logging.getLogger("build_vocabulary")

ONET_FAMILIES = ("15-2051", "15-1221", "15-1252", "15-1243")
ONET_CLASSES = {
    "Analytical or scientific software": "tool",
    "Business intelligence and data analysis software": "tool",
    "Data mining software": "tool",
    "Data base management system software": "database",
    "Object oriented data base management software": "database",
    "Data base user interface and query software": "tool",
    "Object or component oriented development software": "tool",
    "Development environment software": "tool",
    "Cloud-based data access and sharing software": "platform",
    "Cloud-based management software": "platform",
    "Configuration management software": "tool",
    "Clustering software": "tool",
    "File versioning software": "tool",
    "Information retrieval or search software": "tool",
    "Metadata management software": "tool",
    "Enterprise application integration software": "tool",
    "Categorization or classification software": "tool",
    "Operating system software": "platform",
}
VENDORS = (
    "Amazon Web Services", "The MathWorks", "MathWorks", "Microsoft Azure", "Microsoft", "Oracle", "IBM",
    "Amazon", "Google", "Apache", "SAP", "StataCorp", "Qlik Tech", "Rapid-I", "TIBCO", "Adobe", "Atlassian",
    "Informatica", "Embarcadero", "National Instruments", "Sun Microsystems", "Red Hat", "Meta", "Facebook",
    "Elastic", "Hewlett Packard Enterprise", "Hewlett Packard", "JetBrains", "Salesforce", "Cloudera",
)
ESCO_DOMAIN = re.compile(
    r"\b(?:data|machine learning|deep learning|statistic\w*|artificial intelligence|neural|computer vision"
    r"|natural language|algorithm\w*|programming|database\w*|cloud|analytics|mining|visuali[sz]ation"
    r"|modelling|business intelligence|information extraction|information retrieval|big data"
    r"|computer programming|devops|probability|mathematic\w*)\b",
    re.IGNORECASE,
)
_VERB_START = re.compile(
    r"^(?:use|apply|manage|perform|develop|create|maintain|design|implement|collect|analyse|analyze|conduct"
    r"|process|define|migrate|integrate|establish|search|inspect|store|record|compile|operate|utilise"
    r"|interpret|evaluate|deliver|prepare|protect|normalise|browse|balance|supervise|identify|ensure|handle"
    r"|provide|execute|write|build|report|monitor|plan|install|configure|test|debug|deploy|train|work)\b"
)
STOP_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "in", "for", "to", "with", "on", "by"})
ATTRIBUTION = (
    "This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET is a "
    "trademark of USDOL/ETA.",
    "(c) European Union, ESCO - European Skills, Competences, Qualifications and Occupations, CC BY 4.0.",
    "GitHub Linguist: MIT license, copyright (c) GitHub, Inc. and Linguist contributors.",
    "devicon: MIT license, copyright (c) devicon contributors.",
)
PRIORITY = {"overlay": 0, "linguist": 1, "onet": 2, "esco": 3, "devicon": 4}


@dataclass
class Entry:
    """One candidate term from one source (or the overlay)."""

    kind: str
    name: str
    aliases: list[str]
    source: str
    case_sensitive: bool | None = None
    sections: str = ""
    context: str | None = None
    overlay: bool = False
    ids: list[str] = field(default_factory=list)

    @property
    def surfaces(self) -> list[str]:
        return [self.name, *self.aliases]


def fold(surface: str) -> str:
    """The form two printings share (any case, one apostrophe and dash, single spaces)."""
    text = re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", surface.strip()))
    return text.replace("’", "'").replace("–", "-").lower()


def slug(surface: str) -> str:
    """devicon's form of a name: lower case letters and digits only (``scikitlearn``)."""
    return re.sub(r"[^a-z0-9+#]", "", surface.lower())


def _ascii_ok(surface: str) -> bool:
    return bool(surface) and all(ch.isascii() or not ch.isalpha() for ch in surface) and any(
        ch.isalnum() for ch in surface) and '"' not in surface


# --- O*NET ----------------------------------------------------------------------------------


def _onet_forms(example: str) -> tuple[str, list[str]] | None:
    """Name and aliases of an O*NET technology example, or None for a generic description."""
    if re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)* software", example.strip()):
        return None  # "Data analysis software", "Mathematical software"
    name = re.sub(r"\s+(?:software|Software)$", "", example.strip())
    words = name.split()
    if len(words) > 1 and not any(ch.isupper() for ch in name[1:]):
        return None
    if name.lower().endswith((" software", " libraries", " tools", " services")):
        return None
    aliases: list[str] = [example] if name != example else []
    last = words[-1]
    long_form = " ".join(words[:-1])
    if len(words) > 2 and re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", last) and _initials(long_form).endswith(last):
        if not any(ch.isupper() for ch in long_form[1:]):
            name, aliases = last, [*aliases, long_form, example]  # "... programming ABAP": ABAP
        else:
            aliases += [last, long_form]
    for vendor in VENDORS:
        if name.startswith(vendor + " "):
            rest = name[len(vendor) + 1:]
            single = " " not in rest
            if len(rest) > 1 and any(ch.isupper() or ch.isdigit() for ch in (rest[1:] if single else rest)):
                aliases.append(rest)
            break
    return name, [a for a in dict.fromkeys(aliases) if a != name]


def onet_entries(folder: Path) -> Iterator[Entry]:
    """The domain's technology examples (see the module docstring)."""
    path = folder / "onet" / "Technology Skills.txt"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        seen: set[str] = set()
        for row in rows:
            if not row["O*NET-SOC Code"].startswith(ONET_FAMILIES):
                continue
            kind = ONET_CLASSES.get(row["Commodity Title"])
            example = row["Example"].strip()
            if kind is None or example in seen:
                continue
            seen.add(example)
            forms = _onet_forms(example)
            if forms is None:
                continue
            name, aliases = forms
            yield Entry(kind, name, aliases, "onet", ids=[f"onet:{row['Commodity Code']}"])


# --- ESCO -----------------------------------------------------------------------------------


def _initials(label: str) -> str:
    words = [word for word in re.findall(r"[A-Za-z]+", label) if word.lower() not in STOP_WORDS]
    return "".join(word[0] for word in words).upper()


def _content_words(label: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", label.lower()) if w not in STOP_WORDS}


def esco_entries(folder: Path) -> Iterator[Entry]:
    """Domain knowledge items of ESCO's digital collection, with their kept alternative labels."""
    path = folder / "esco" / "digitalSkillsCollection_en.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = re.sub(r"\s*\([^)]*\)\s*$", "", row["preferredLabel"]).strip()
            if row["skillType"] != "knowledge" or _VERB_START.match(label):
                continue
            programming = "computer programming" in row["broaderConceptPT"]
            if not (ESCO_DOMAIN.search(label) or (programming and label[:1].isupper())):
                continue
            if re.search(r"\b(?:software|tools?|systems?|programs?|applications?|principles|types)$", label):
                continue  # a class of products or a topic heading, not a skill an article names
            words = _content_words(label)
            aliases = []
            for printed in re.split(r"\n| \| ", row["altLabels"]):
                alt = printed.strip()
                if not alt or "(" in alt or _VERB_START.match(alt):
                    continue
                if alt.lower().startswith(("knowledge of", "types of")):
                    continue
                if alt.lower() != alt and label.lower() == label and not alt.isupper():
                    continue  # a product named under a skill ("Raima Database Manager")
                if alt.lower().startswith(label.lower() + " "):
                    continue  # a narrower thing ("machine learning model")
                if _content_words(alt) & words or (alt.isupper() and alt == _initials(label)):
                    aliases.append(alt)
            kind = "language" if programming and label[:1].isupper() else "skill"
            uuid = row["conceptUri"].rsplit("/", 1)[-1]
            name = _title(label) if kind == "skill" and label.lower() == label else label
            forms = [label, *aliases] if name != label else aliases
            yield Entry(kind, name, forms, "esco", ids=[f"esco:{uuid}"])


def _title(label: str) -> str:
    """A display name for a lower-case ESCO label: "data mining" -> "Data Mining"."""
    return " ".join(w if w in STOP_WORDS else w[:1].upper() + w[1:] for w in label.split(" "))


# --- Linguist and devicon -------------------------------------------------------------------


def linguist_languages(folder: Path) -> dict[str, tuple[int, list[str]]]:
    """Programming language name -> (Linguist id, aliases that contain the name)."""
    import yaml  # noqa: PLC0415 (the build script's own dependency, from the dev extras)

    data = yaml.safe_load((folder / "linguist" / "languages.yml").read_text("utf-8"))
    out = {}
    for name, info in data.items():
        if info.get("type") != "programming":
            continue
        aliases = [a for a in info.get("aliases", [])
                   if len(name) > 1 and name.lower() in a.lower() and a != name.lower()]
        out[name] = (int(info["language_id"]), aliases)
    return out


def devicon_index(folder: Path) -> dict[str, tuple[str, list[str], list[str]]]:
    """devicon slug (and each alternative name's slug) -> (name, alternative names, tags)."""
    out = {}
    for item in json.loads((folder / "devicon" / "devicon.json").read_text("utf-8")):
        entry = (item["name"], list(item.get("altnames", [])), list(item.get("tags", [])))
        for key in (item["name"], *item.get("altnames", [])):
            out.setdefault(slug(key), entry)
    return out


# --- the overlay ----------------------------------------------------------------------------


def overlay_entries(path: Path) -> tuple[list[Entry], set[str]]:
    """The overlay's rows and the folded names it drops (kind ``drop``)."""
    lines = path.read_text("utf-8").splitlines(True)
    text = "".join(line for line in lines if not line.lstrip().startswith("#"))
    entries, dropped = [], set()
    for row in csv.DictReader(io.StringIO(text)):
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        if row["kind"] == "drop":
            dropped |= {fold(s) for s in (row["name"], *aliases)}
            continue
        entries.append(Entry(
            row["kind"].strip(), row["name"].strip(), aliases, "overlay",
            case_sensitive=row["case_sensitive"].strip().lower() in ("yes", "true", "1"),
            sections=row["sections"].strip(), context=row["context"].strip(), overlay=True,
            ids=[s.strip() for s in (row.get("source") or "").split("|") if s.strip()],
        ))
    return entries, dropped


# --- merging --------------------------------------------------------------------------------


def _groups(entries: list[Entry]) -> list[list[Entry]]:
    """Entries joined by a shared folded form (union-find), in first-seen order."""
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for surface in entry.surfaces:
            j = owner.setdefault(fold(surface), i)
            # Only names join groups: two entries that merely share an alias stay apart
            # unless one's name is the other's form (an alias is weaker evidence).
            if find(j) != find(i) and fold(surface) in (fold(entry.name), fold(entries[j].name)):
                parent[find(i)] = find(j)
    groups: dict[int, list[Entry]] = {}
    for i, entry in enumerate(entries):
        groups.setdefault(find(i), []).append(entry)
    return list(groups.values())


def _default_case(name: str, kind: str) -> bool:
    """Taxonomy names of products match as printed; skill phrases match in any case."""
    return kind not in ("skill", "field", "degree", "industry") and name.lower() != name


def _default_context(name: str, kind: str) -> str:
    """One capitalised English-looking word or a one- or two-letter name needs a list context."""
    if kind in ("skill", "field", "degree", "industry", "certification"):
        return ""
    return "list" if len(name) <= 2 or re.fullmatch(r"[A-Z][a-z]+", name) else ""


def merge(entries: list[Entry], dropped: set[str]) -> list[dict[str, str]]:
    """One row per group; the overlay's (or the best source's) name, kind and flags win."""
    rows: list[dict[str, str]] = []
    claimed: set[str] = set()
    for group in _groups([e for e in entries if fold(e.name) not in dropped]):
        group.sort(key=lambda e: PRIORITY[e.source])
        head = group[0]
        if not head.overlay and head.source == "esco" and head.kind == "skill" and len(group) == 1:
            pass  # an ESCO skill nobody else lists is kept as it is
        if fold(head.name) in claimed:
            continue
        kind = head.kind
        if not head.overlay and any(e.source == "linguist" for e in group):
            kind = "language"
        surfaces: list[str] = []
        for entry in group:
            for surface in entry.surfaces:
                key = fold(surface)
                if key in claimed or key in dropped or not _ascii_ok(surface):
                    continue
                if key in {fold(s) for s in surfaces}:
                    continue
                surfaces.append(surface)
        if not surfaces or fold(surfaces[0]) != fold(head.name):
            continue
        claimed |= {fold(s) for s in surfaces}
        case = head.case_sensitive if head.overlay else _default_case(head.name, kind)
        context = head.context if head.overlay else _default_context(head.name, kind)
        ids = sorted({i for e in group for i in e.ids}) + (["overlay"] if head.overlay else [])
        rows.append({
            "kind": kind, "name": head.name, "aliases": "|".join(surfaces[1:]),
            "case_sensitive": "yes" if case else "no", "sections": head.sections,
            "context": context or "", "source": "|".join(ids),
        })
    return rows


def build(taxonomies: Path, overlay: Path = OVERLAY) -> list[dict[str, str]]:
    """Every row of the derived table, overlay first, then by kind and name."""
    over, dropped = overlay_entries(overlay)
    languages = linguist_languages(taxonomies)
    devicon = devicon_index(taxonomies)
    onet = list(onet_entries(taxonomies))
    esco = list(esco_entries(taxonomies))
    known = {slug(s) for e in (*onet, *esco, *over) for s in e.surfaces} | {
        key for key, (_, _, tags) in devicon.items() if {"language", "programming"} & set(tags)}
    lang_entries = [
        Entry("language", name, aliases, "linguist", ids=[f"linguist:{lang_id}"])
        for name, (lang_id, aliases) in languages.items() if slug(name) in known
    ]
    everything = [*over, *lang_entries, *onet, *esco]
    for entry in everything:
        hit = next((devicon[slug(s)] for s in entry.surfaces if slug(s) in devicon), None)
        if hit is not None:
            entry.ids.append(f"devicon:{hit[0]}")
            entry.aliases += [a for a in hit[1] if a.lower() != a or " " in a or "-" in a]
    rows = merge(everything, dropped)
    rows.sort(key=lambda r: ("overlay" not in r["source"], r["kind"], r["name"].lower()))
    return rows


HEADER = """\
# The mention vocabulary: skills, tools and technologies, degrees, fields of study, certifications
# and industries. GENERATED by scripts/build_vocabulary.py from the taxonomies below (filtered to the
# AI/ML/data domain) and the hand-kept scripts/vocabulary_overlay.csv: edit those, then re-run it.
#
# Columns: kind (a mention kind, or stop: a phrase that hides the terms inside it); name (canonical);
# aliases ("|"-separated printed forms); case_sensitive (yes: match exactly as printed); sections
# (empty: everywhere; else the section keys where the term counts); context (list: a short or
# English-word name counts only in a list or programming context); source (ids of the records the
# entry comes from: onet:<UNSPSC commodity>, esco:<concept id>, linguist:<language id>,
# devicon:<name>, overlay). A skill listed with kind skill|field is a field of study in an education
# section or after "degree in".
#
# Attribution:
"""


def render(rows: Iterable[dict[str, str]]) -> str:
    """The CSV text with its header comment."""
    out = io.StringIO()
    out.write(HEADER)
    for line in ATTRIBUTION:
        out.write(f"# - {line}\n")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taxonomies", type=Path, default=DEFAULT_TAXONOMIES)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the output is not up to date")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = build(args.taxonomies)
    text = render(rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    LOG.info("%d entries: %s", len(rows), ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    if args.check:
        current = args.output.read_text("utf-8") if args.output.is_file() else ""
        if current != text:
            LOG.error("%s is not what %s gives: re-run it", args.output, Path(__file__).name)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
