"""Articles of a translated copy of the site: German, French, Spanish, Italian, Portuguese, Dutch.

Why: users feed pages in other languages. The structure is the site's (title, read-time line,
table of contents, intro, the same sections with a sub-heading per role, a closing section),
only the words differ; the parser reads them by that structure and by the heading words and
job nouns of each language. Each article is written here once, in a small markup (``#`` the
title, ``##`` a section, ``###`` a role's sub-heading, ``-`` a bullet, other lines
paragraphs), and rendered both as a text dump and as a saved page: the two must give the same
records (the property every layout holds), and the records must be the article's.
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
from pipeline.tables.schema import SECTION_KEYS
from tests.acceptance.test_golden import CAPTURE_COLUMNS

GERMAN = """\
# Dateningenieur vs. ML-Ingenieurin
6 Min. Lesezeit · 14. März 2025
Inhaltsverzeichnis
Beide Berufe arbeiten an denselben Datenplattformen, aber mit anderen Zielen. Hier stehen sie nebeneinander.
## Definitionen
Dateningenieur: Ein Dateningenieur baut die Strecken, über die Daten gesammelt und aufbereitet werden.
ML-Ingenieurin: Eine ML-Ingenieurin bringt trainierte Modelle zuverlässig in den Betrieb.
## Aufgaben
### Dateningenieur
- Ladestrecken für Stapel- und Stromdaten entwerfen.
- Fehlende Lieferungen melden.
### ML-Ingenieurin
- Modelle verpacken und ausrollen.
- Modelle im Betrieb auf Drift prüfen.
## Erforderliche Fähigkeiten
### Dateningenieur
- SQL und Datenmodellierung.
- Python und Spark.
### ML-Ingenieurin
- Docker und Kubernetes.
## Ausbildung
### Dateningenieur
- Bachelor in Informatik.
### ML-Ingenieurin
- Master in Informatik oder Statistik.
## Werkzeuge und Software
### Dateningenieur
- Airflow, dbt und Kafka.
### ML-Ingenieurin
- MLflow und Kubeflow.
## Branchen
### Dateningenieur
- Handel und Banken.
### ML-Ingenieurin
- Automobilbau und Gesundheitswesen.
## Aussichten
Beide Berufe sind gefragt, und die Nachfrage wächst in fast allen Branchen.
## Tipps für den Einstieg
### Dateningenieur
- Ein eigenes Datenprojekt veröffentlichen.
### ML-Ingenieurin
- Ein Modell von Anfang bis Ende betreiben.
## Fazit
Wer Daten bewegt, wird Dateningenieur; wer Modelle betreibt, wird ML-Ingenieurin.
"""

FRENCH = """\
# Ingénieur Data vs. Architecte IA
5 min de lecture · 2 févr. 2024
Table des matières
Les deux métiers se croisent dans les équipes de données, mais leurs journées diffèrent. Comparons-les.
## Définitions
Ingénieur Data : un Ingénieur Data construit les chaînes qui collectent et préparent les données.
Architecte IA : un Architecte IA conçoit l'ensemble d'un système d'intelligence artificielle.
## Responsabilités
### Ingénieur Data
- Concevoir des flux de chargement.
- Surveiller la qualité des données.
### Architecte IA
- Choisir les briques d'un système.
## Compétences requises
### Ingénieur Data
- SQL et modélisation des données.
### Architecte IA
- Architecture cloud.
- Sécurité des systèmes.
## Formation
### Ingénieur Data
- Diplôme d'ingénieur en informatique.
### Architecte IA
- Master en informatique.
## Outils et logiciels
### Ingénieur Data
- Spark et Airflow.
### Architecte IA
- Kubernetes et Terraform.
## Secteurs
### Ingénieur Data
- Banque et assurance.
### Architecte IA
- Conseil et industrie.
## Perspectives
Les deux métiers recrutent, et la demande reste forte dans la plupart des secteurs.
## Conseils pour débuter
### Ingénieur Data
- Publier un projet de données.
### Architecte IA
- Documenter une architecture complète.
## Conclusion
Le choix dépend de ce que vous aimez construire : des flux ou des systèmes entiers.
"""

SPANISH = """\
# Científica de Datos vs. Ingeniero de Machine Learning
7 min de lectura · 5 de septiembre de 2023
Índice
Las dos profesiones comparten datos y modelos, pero no el mismo día a día. Este artículo las compara.
## Definiciones
Científica de Datos: una Científica de Datos analiza datos y construye modelos para responder preguntas.
Ingeniero de Machine Learning: un Ingeniero de Machine Learning lleva los modelos a producción.
## Responsabilidades
### Científica de Datos
- Explorar y limpiar datos.
- Presentar resultados.
### Ingeniero de Machine Learning
- Desplegar modelos.
- Vigilar su rendimiento.
## Habilidades requeridas
### Científica de Datos
- Estadística y Python.
### Ingeniero de Machine Learning
- Docker y Kubernetes.
## Formación académica
### Científica de Datos
- Grado en matemáticas.
### Ingeniero de Machine Learning
- Grado en informática.
## Herramientas y software
### Científica de Datos
- Pandas y Jupyter.
### Ingeniero de Machine Learning
- MLflow y Airflow.
## Industrias
### Científica de Datos
- Banca y salud.
### Ingeniero de Machine Learning
- Tecnología y comercio.
## Perspectivas
Ambas profesiones tienen una demanda alta y creciente.
## Consejos para empezar
### Científica de Datos
- Publicar análisis propios.
### Ingeniero de Machine Learning
- Desplegar un modelo propio.
## Conclusión
Elija según prefiera las preguntas o los sistemas.
"""

ITALIAN = """\
# Ingegnere dei Dati vs. Analista di Business Intelligence
6 min di lettura · 12 apr 2025
Indice
Entrambi i ruoli lavorano con gli stessi dati aziendali, ma con obiettivi diversi. Vediamoli fianco a fianco.
## Definizioni
Ingegnere dei Dati: un Ingegnere dei Dati costruisce i flussi che raccolgono e preparano i dati.
Analista di Business Intelligence: un Analista di Business Intelligence trasforma i dati in cruscotti.
## Responsabilità
### Ingegnere dei Dati
- Progettare flussi di caricamento.
- Controllare la qualità dei dati.
### Analista di Business Intelligence
- Costruire cruscotti per la direzione.
- Spiegare le variazioni dei numeri.
## Competenze richieste
### Ingegnere dei Dati
- SQL e modellazione dei dati.
### Analista di Business Intelligence
- Power BI e Excel.
## Formazione
### Ingegnere dei Dati
- Laurea in informatica.
### Analista di Business Intelligence
- Laurea in economia o statistica.
## Strumenti e software
### Ingegnere dei Dati
- Spark e Airflow.
### Analista di Business Intelligence
- Tableau e Looker.
## Settori
### Ingegnere dei Dati
- Banche e assicurazioni.
### Analista di Business Intelligence
- Commercio e logistica.
## Prospettive
Entrambe le professioni sono richieste e la domanda cresce in quasi tutti i settori.
## Consigli per iniziare
### Ingegnere dei Dati
- Pubblicare un progetto di dati.
### Analista di Business Intelligence
- Preparare un cruscotto dimostrativo.
## Conclusione
La scelta dipende da cosa preferite costruire: i flussi o le risposte.
"""

PORTUGUESE = """\
# Engenheiro de Dados vs. Cientista de Dados
8 min de leitura · 3 de out. de 2024
Índice
As duas profissões partilham dados e ferramentas, mas o dia a dia é diferente. Este artigo compara-as.
## Definições
Engenheiro de Dados: um Engenheiro de Dados constrói os sistemas que recolhem e preparam os dados.
Cientista de Dados: um Cientista de Dados analisa dados e cria modelos para responder a perguntas.
## Responsabilidades
### Engenheiro de Dados
- Desenhar pipelines de carga.
- Vigiar a qualidade dos dados.
### Cientista de Dados
- Explorar e limpar dados.
- Apresentar resultados.
## Habilidades necessárias
### Engenheiro de Dados
- SQL e modelagem de dados.
### Cientista de Dados
- Estatística e Python.
## Formação acadêmica
### Engenheiro de Dados
- Licenciatura em informática.
### Cientista de Dados
- Mestrado em estatística.
## Ferramentas e software
### Engenheiro de Dados
- Spark e Kafka.
### Cientista de Dados
- Pandas e Jupyter.
## Setores
### Engenheiro de Dados
- Banca e seguros.
### Cientista de Dados
- Saúde e retalho.
## Perspectivas
As duas profissões têm procura elevada e crescente.
## Dicas para começar
### Engenheiro de Dados
- Publicar um projeto de dados.
### Cientista de Dados
- Publicar análises próprias.
## Conclusão
Escolha conforme prefira sistemas ou perguntas.
"""

DUTCH = """\
# Data Engineer vs. Machine Learning Engineer
5 min leestijd · 18 sep. 2024
Inhoudsopgave
Beide functies werken met dezelfde data, maar met een ander doel. We zetten ze naast elkaar.
## Definities
Data Engineer: een Data Engineer bouwt de stromen die data verzamelen en klaarzetten.
Machine Learning Engineer: een Machine Learning Engineer brengt getrainde modellen betrouwbaar in productie.
## Verantwoordelijkheden
### Data Engineer
- Laadstromen ontwerpen.
- Ontbrekende leveringen melden.
### Machine Learning Engineer
- Modellen verpakken en uitrollen.
- Modellen in productie bewaken.
## Vereiste vaardigheden
### Data Engineer
- SQL en datamodellering.
### Machine Learning Engineer
- Docker en Kubernetes.
## Opleiding
### Data Engineer
- Bachelor informatica.
### Machine Learning Engineer
- Master informatica of statistiek.
## Tools en software
### Data Engineer
- Airflow en Kafka.
### Machine Learning Engineer
- MLflow en Kubeflow.
## Sectoren
### Data Engineer
- Handel en banken.
### Machine Learning Engineer
- Zorg en industrie.
## Vooruitzichten
Beide functies zijn gevraagd en de vraag groeit in bijna alle sectoren.
## Tips om te beginnen
### Data Engineer
- Een eigen dataproject publiceren.
### Machine Learning Engineer
- Een model van begin tot eind beheren.
## Conclusie
Wie data verplaatst, wordt Data Engineer; wie modellen beheert, wordt Machine Learning Engineer.
"""

# language -> (article, its two roles, read minutes, published date)
ARTICLES = {
    "de": (GERMAN, ("Dateningenieur", "ML-Ingenieurin"), 6, dt.date(2025, 3, 14)),
    "fr": (FRENCH, ("Ingénieur Data", "Architecte IA"), 5, dt.date(2024, 2, 2)),
    "es": (SPANISH, ("Científica de Datos", "Ingeniero de Machine Learning"), 7, dt.date(2023, 9, 5)),
    "it": (ITALIAN, ("Ingegnere dei Dati", "Analista di Business Intelligence"), 6, dt.date(2025, 4, 12)),
    "pt": (PORTUGUESE, ("Engenheiro de Dados", "Cientista de Dados"), 8, dt.date(2024, 10, 3)),
    "nl": (DUTCH, ("Data Engineer", "Machine Learning Engineer"), 5, dt.date(2024, 9, 18)),
}
_MARKS = (("### ", "h3"), ("## ", "h2"), ("# ", "h1"), ("- ", "li"))


def blocks(article: str) -> list[tuple[str, str]]:
    """(tag, text) per line of the markup."""
    out = []
    for line in article.splitlines():
        mark, tag = next(((mark, tag) for mark, tag in _MARKS if line.startswith(mark)), ("", "p"))
        out.append((tag, line[len(mark):]))
    return out


def as_text(article: str) -> bytes:
    """The site's text dump: a line per block, bullets with ``- ``."""
    return "\n".join(f"- {text}" if tag == "li" else text for tag, text in blocks(article)).encode()


def as_page(article: str) -> bytes:
    """A saved page of the same blocks: headings, paragraphs and lists in an ``article``."""
    out: list[str] = []
    in_list = False
    for tag, text in blocks(article):
        if (tag == "li") != in_list:  # a list starts or ends
            out.append("</ul>" if in_list else "<ul>")
            in_list = not in_list
        out.append(f"<{tag}>{html.escape(text)}</{tag}>")
    out += ["</ul>"] * in_list
    title = html.escape(blocks(article)[0][1])
    return (f'<!doctype html><html lang="x"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><main><article>{''.join(out)}</article></main></body></html>").encode()


def _rows(data: bytes, fmt: str) -> dict[str, Any]:
    name = "article.txt" if fmt == "text" else "article.html"
    result = process_document(RawDocument(name, data, fmt), Limits())
    assert not result.quarantine, result.quarantine
    rows: dict[str, Any] = json.loads(json.dumps(result.rows, default=str, sort_keys=True))
    return rows


def _content(rows: dict[str, Any]) -> dict[str, Any]:
    """The rows without the columns that name the capture."""
    capture = CAPTURE_COLUMNS | {"article_key", "_rank"}
    return {table: [{k: v for k, v in row.items() if k not in capture} for row in table_rows]
            for table, table_rows in rows.items()}


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_a_translated_article_gives_its_sections_roles_and_items(language: str) -> None:
    article, roles, minutes, published = ARTICLES[language]
    lines = blocks(article)
    rows = _rows(as_text(article), "text")
    head = rows["articles"][0]
    assert (head["role_a"], head["role_b"]) == roles
    assert (head["read_minutes"], head["published_date"]) == (minutes, str(published))
    assert head["intro"] == lines[3][1] and head["truncated"] is False
    assert list(dict.fromkeys(s["section"] for s in rows["sections"])) == list(SECTION_KEYS[:-1])
    expected: dict[tuple[str, str], int] = {}
    section, side = "", ""
    keys = iter(SECTION_KEYS)
    for tag, text in lines:
        if tag == "h2":
            section = next(keys)
        elif tag == "h3":
            side = "ab"[roles.index(text)]
        elif tag == "li":
            expected[(section, side)] = expected.get((section, side), 0) + 1
    got: dict[tuple[str, str], int] = {}
    for item in rows["items"]:
        got[(item["section"], item["role_side"])] = got.get((item["section"], item["role_side"]), 0) + 1
    assert got == expected


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_the_saved_page_gives_the_records_of_the_dump(language: str) -> None:
    article = ARTICLES[language][0]
    assert _content(_rows(as_page(article), "html")) == _content(_rows(as_text(article), "text"))


@pytest.mark.parametrize(
    ("title", "roles"),
    [
        ("Ingénieur en apprentissage automatique vs. Analyste de données",
         ("Ingénieur en apprentissage automatique", "Analyste de données")),
        ("Científico de datos vs. Ingeniero de aprendizaje automático",
         ("Científico de datos", "Ingeniero de aprendizaje automático")),
        ("Ingegnere dei dati vs. Analista di business intelligence",
         ("Ingegnere dei dati", "Analista di business intelligence")),
    ],
)
def test_a_title_in_lower_case_after_its_job_noun_is_an_article_without_the_header_line(
    title: str, roles: tuple[str, str]
) -> None:
    """French, Spanish and Italian titles often write all but the first word in lower case:
    with no read-time line or job cards, the two sides must still read as job titles."""
    article = FRENCH.replace("# Ingénieur Data vs. Architecte IA", f"# {title}")
    article = article.replace("5 min de lecture · 2 févr. 2024\n", "")
    result = process_document(RawDocument("page.txt", as_text(article), "text"), Limits())
    assert not result.quarantine, result.quarantine
    head = result.rows["articles"][0]
    assert (head["role_a"], head["role_b"]) == roles and head["read_minutes"] is None


@pytest.mark.parametrize(
    "title",
    ["Real Madrid vs. Barcelona", "Coca-Cola vs. Pepsi", "Ökonomie vs. Ökologie", "Apple Music vs. Spotify",
     "Apple Store vs. Google Play", "Juventus vs. Inter", "Bazaar vs. Cathedral", "Real madrid vs. Barcelona",
     "Tarte aux pommes vs. Crème brûlée"],
)
def test_a_translated_comparison_of_other_things_is_no_article(title: str) -> None:
    """Headings in another language do not make any ``A vs. B`` page an article: without the
    site's read-time line or job cards, both sides must still read as job titles."""
    article = GERMAN.replace("# Dateningenieur vs. ML-Ingenieurin", f"# {title}")
    article = article.replace("6 Min. Lesezeit · 14. März 2025\n", "")
    result = process_document(RawDocument("page.txt", as_text(article), "text"), Limits())
    assert [(q["stage"], q["reason"]) for q in result.quarantine] == [("parse", "not_an_article")]
