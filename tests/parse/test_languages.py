"""Articles of a translated copy of the site: German, French and Spanish.

Why: users feed pages in other languages. The structure is the site's (title, read-time line,
table of contents, intro, the same sections with a sub-heading per role, a closing section),
only the words differ; the parser reads them by that structure and by heading words and job
nouns of each language. Each article is written here as blocks and rendered both as a text
dump and as a saved page: the two must give the same records (the property every layout
holds), and the records must be the article's.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.run.process import process_document

Blocks = list[tuple[str, str]]
"""(kind, text): ``title``, ``p`` (a paragraph, also the subtitle and read-time line), ``toc``,
``h2`` (a section), ``h3`` (a role's sub-heading) or ``li`` (a bullet)."""

_SIDES = ("a", "b")


def _lists(heading: str, items: dict[str, list[str]]) -> Blocks:
    """A list section: its heading, then each role's sub-heading and bullets."""
    blocks: Blocks = [("h2", heading)]
    for role, bullets in items.items():
        blocks.append(("h3", role))
        blocks += [("li", bullet) for bullet in bullets]
    return blocks


def _article(
    *,
    title: str,
    meta: str,
    toc: str,
    intro: str,
    definitions: tuple[str, list[str]],
    lists: list[tuple[str, dict[str, list[str]]]],
    outlook: tuple[str, str],
    conclusion: tuple[str, str],
) -> Blocks:
    blocks: Blocks = [("title", title), ("p", meta), ("toc", toc), ("p", intro), ("h2", definitions[0])]
    blocks += [("p", text) for text in definitions[1]]
    for heading, items in lists[:5]:
        blocks += _lists(heading, items)
    blocks += [("h2", outlook[0]), ("p", outlook[1])]
    for heading, items in lists[5:]:
        blocks += _lists(heading, items)
    return [*blocks, ("h2", conclusion[0]), ("p", conclusion[1])]


DE = "Dateningenieur", "ML-Ingenieurin"
GERMAN = _article(
    title=f"{DE[0]} vs. {DE[1]}",
    meta="6 Min. Lesezeit · 14. März 2025",
    toc="Inhaltsverzeichnis",
    intro="Beide Berufe arbeiten an denselben Datenplattformen, aber mit verschiedenen Zielen. "
    "Hier stehen sie nebeneinander.",
    definitions=(
        "Definitionen",
        [
            f"{DE[0]}: Ein {DE[0]} baut die Strecken, über die Daten gesammelt und aufbereitet werden.",
            f"{DE[1]}: Eine {DE[1]} bringt trainierte Modelle zuverlässig in den Betrieb.",
        ],
    ),
    lists=[
        (
            "Aufgaben",
            {
                DE[0]: ["Ladestrecken für Stapel- und Stromdaten entwerfen.", "Fehlende Lieferungen melden."],
                DE[1]: ["Modelle verpacken und ausrollen.", "Modelle im Betrieb auf Drift prüfen."],
            },
        ),
        (
            "Erforderliche Fähigkeiten",
            {
                DE[0]: ["SQL und Datenmodellierung.", "Python und Spark."],
                DE[1]: ["Docker und Kubernetes.", "Python und PyTorch."],
            },
        ),
        ("Ausbildung", {DE[0]: ["Bachelor in Informatik."], DE[1]: ["Master in Informatik oder Statistik."]}),
        ("Werkzeuge und Software", {DE[0]: ["Airflow, dbt und Kafka."], DE[1]: ["MLflow und Kubeflow."]}),
        ("Branchen", {DE[0]: ["Handel und Banken."], DE[1]: ["Automobilbau und Gesundheitswesen."]}),
        (
            "Tipps für den Einstieg",
            {
                DE[0]: ["Ein eigenes Datenprojekt veröffentlichen."],
                DE[1]: ["Ein Modell von Anfang bis Ende betreiben."],
            },
        ),
    ],
    outlook=("Aussichten", "Beide Berufe sind gefragt, und die Nachfrage wächst in fast allen Branchen."),
    conclusion=("Fazit", "Wer Daten bewegt, wird Dateningenieur; wer Modelle betreibt, wird ML-Ingenieurin."),
)

FR = "Ingénieur Data", "Architecte IA"
FRENCH = _article(
    title=f"{FR[0]} vs. {FR[1]}",
    meta="5 min de lecture · 2 févr. 2024",
    toc="Table des matières",
    intro="Les deux métiers se croisent dans les équipes de données, mais leurs journées diffèrent. "
    "Voici une comparaison.",
    definitions=(
        "Définitions",
        [
            f"{FR[0]} : un {FR[0]} construit les chaînes qui collectent et préparent les données.",
            f"{FR[1]} : un {FR[1]} conçoit l'ensemble d'un système d'intelligence artificielle.",
        ],
    ),
    lists=[
        (
            "Responsabilités",
            {
                FR[0]: ["Concevoir des flux de chargement.", "Surveiller la qualité des données."],
                FR[1]: ["Choisir les briques d'un système.", "Valider les choix des équipes."],
            },
        ),
        (
            "Compétences requises",
            {FR[0]: ["SQL et modélisation des données."], FR[1]: ["Architecture cloud."]},
        ),
        ("Formation", {FR[0]: ["Diplôme d'ingénieur en informatique."], FR[1]: ["Master en informatique."]}),
        ("Outils et logiciels", {FR[0]: ["Spark et Airflow."], FR[1]: ["Kubernetes et Terraform."]}),
        ("Secteurs", {FR[0]: ["Banque et assurance."], FR[1]: ["Conseil et industrie."]}),
        (
            "Conseils pour débuter",
            {FR[0]: ["Publier un projet de données."], FR[1]: ["Documenter une architecture complète."]},
        ),
    ],
    outlook=(
        "Perspectives",
        "Les deux métiers recrutent, et la demande reste forte dans la plupart des secteurs.",
    ),
    conclusion=(
        "Conclusion",
        "Le choix dépend de ce que vous aimez construire : des flux ou des systèmes entiers.",
    ),
)

ES = "Científica de Datos", "Ingeniero de Machine Learning"
SPANISH = _article(
    title=f"{ES[0]} vs. {ES[1]}",
    meta="7 min de lectura · 5 de septiembre de 2023",
    toc="Índice",
    intro="Las dos profesiones comparten datos y modelos, pero no el mismo día a día. "
    "Este artículo las compara.",
    definitions=(
        "Definiciones",
        [
            f"{ES[0]}: una {ES[0]} analiza datos y construye modelos para responder preguntas.",
            f"{ES[1]}: un {ES[1]} lleva los modelos a producción y los mantiene.",
        ],
    ),
    lists=[
        (
            "Responsabilidades",
            {
                ES[0]: ["Explorar y limpiar datos.", "Presentar resultados."],
                ES[1]: ["Desplegar modelos.", "Vigilar su rendimiento."],
            },
        ),
        ("Habilidades requeridas", {ES[0]: ["Estadística y Python."], ES[1]: ["Docker y Kubernetes."]}),
        ("Formación académica", {ES[0]: ["Grado en matemáticas."], ES[1]: ["Grado en informática."]}),
        ("Herramientas y software", {ES[0]: ["Pandas y Jupyter."], ES[1]: ["MLflow y Airflow."]}),
        ("Industrias", {ES[0]: ["Banca y salud."], ES[1]: ["Tecnología y comercio."]}),
        (
            "Consejos para empezar",
            {ES[0]: ["Publicar análisis propios."], ES[1]: ["Desplegar un modelo propio."]},
        ),
    ],
    outlook=("Perspectivas", "Ambas profesiones tienen una demanda alta y creciente."),
    conclusion=("Conclusión", "Elija según prefiera las preguntas o los sistemas."),
)

ARTICLES = {
    "de": (GERMAN, DE, 6, dt.date(2025, 3, 14)),
    "fr": (FRENCH, FR, 5, dt.date(2024, 2, 2)),
    "es": (SPANISH, ES, 7, dt.date(2023, 9, 5)),
}
KEYS = [
    "definitions",
    "responsibilities",
    "required_skills",
    "education",
    "tools",
    "industries",
    "outlook",
    "tips",
    "conclusion",
]


def as_text(blocks: Blocks) -> bytes:
    """The site's text dump: a line per block, bullets with ``- ``."""
    return "\n".join(f"- {text}" if kind == "li" else text for kind, text in blocks).encode()


def as_page(blocks: Blocks) -> bytes:
    """A saved page of the same blocks: a header with the title, an ``article`` of headings,
    paragraphs and lists, a ``nav`` for the table of contents."""
    out: list[str] = []
    in_list = False
    for kind, text in blocks:
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        tag = {"title": "h1", "toc": "p", "li": "li"}.get(kind, kind)
        out.append(f"<{tag}>{html.escape(text)}</{tag}>")
    if in_list:
        out.append("</ul>")
    body = "\n".join(out)
    return (
        f'<!doctype html><html lang="x"><head><meta charset="utf-8"><title>{html.escape(blocks[0][1])}'
        f"</title></head><body><main><article>{body}</article></main></body></html>"
    ).encode()


_CAPTURE = {
    "article_id",
    "source_uri",
    "page_uri",
    "source_format",
    "content_sha256",
    "encoding",
    "url",
    "slug",
    "article_key",
    "_rank",
}


def _rows(data: bytes, fmt: str) -> dict[str, Any]:
    result = process_document(RawDocument(f"article.{'txt' if fmt == 'text' else fmt}", data, fmt), Limits())
    assert not result.quarantine, result.quarantine
    rows: dict[str, Any] = json.loads(json.dumps(result.rows, default=str, sort_keys=True))
    return rows


def _without_capture(rows: dict[str, Any]) -> dict[str, Any]:
    return {
        table: [{k: v for k, v in row.items() if k not in _CAPTURE} for row in table_rows]
        for table, table_rows in rows.items()
    }


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_a_translated_article_gives_its_sections_roles_and_items(language: str) -> None:
    blocks, roles, minutes, published = ARTICLES[language]
    rows = _rows(as_text(blocks), "text")
    article = rows["articles"][0]
    assert (article["role_a"], article["role_b"]) == roles
    assert (article["read_minutes"], article["published_date"]) == (minutes, str(published))
    assert article["intro"] == blocks[3][1] and article["truncated"] is False
    assert list(dict.fromkeys(s["section"] for s in rows["sections"])) == KEYS
    list_keys = KEYS[1:6] + KEYS[7:8]  # the sections of bullets per role
    expected = {
        (key, side): len(items)
        for key, (_, per_role) in zip(list_keys, _list_sections(blocks), strict=True)
        for side, items in zip(_SIDES, per_role.values(), strict=True)
    }
    got: dict[tuple[str, str], int] = {}
    for item in rows["items"]:
        got[(item["section"], item["role_side"])] = got.get((item["section"], item["role_side"]), 0) + 1
    assert got == expected


def _list_sections(blocks: Blocks) -> list[tuple[str, dict[str, list[str]]]]:
    """The list sections of an article's blocks, back from their rendering."""
    sections: list[tuple[str, dict[str, list[str]]]] = []
    role = ""
    for kind, text in blocks:
        if kind == "h2":
            sections.append((text, {}))
        elif kind == "h3":
            role = text
            sections[-1][1][role] = []
        elif kind == "li":
            sections[-1][1][role].append(text)
    return [s for s in sections if s[1]]


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_the_saved_page_gives_the_records_of_the_dump(language: str) -> None:
    blocks = ARTICLES[language][0]
    assert _without_capture(_rows(as_page(blocks), "html")) == _without_capture(
        _rows(as_text(blocks), "text")
    )


@pytest.mark.parametrize(
    "title",
    ["Real Madrid vs. Barcelona", "Coca-Cola vs. Pepsi", "Ökonomie vs. Ökologie", "Apple Music vs. Spotify"],
)
def test_a_translated_comparison_of_other_things_is_no_article(title: str) -> None:
    """Headings in another language do not make any ``A vs. B`` page an article: both sides
    must still read as job titles."""
    blocks = [("title", title), *GERMAN[2:]]
    result = process_document(RawDocument("page.txt", as_text(blocks), "text"), Limits())
    assert [(q["stage"], q["reason"]) for q in result.quarantine] == [("parse", "not_an_article")]
