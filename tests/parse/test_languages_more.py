"""Articles of a translated copy of the site: Russian, Polish, Turkish, Chinese, Japanese, Korean.

Why a file beside ``test_languages.py``: the same property for six more languages (each
article written once in the small markup of that file and rendered as a text dump and as a
saved page), and what Chinese, Japanese and Korean add: no capitals to tell a heading, no
spaces between words (a heading's stem sits inside a word, a role's name inside a sentence),
full-width punctuation (``Role：definition``) and dates written year first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pipeline.common.document import RawDocument
from pipeline.common.limits import Limits
from pipeline.parse.body import classify_heading
from pipeline.parse.roles import RoleMatcher
from pipeline.parse.sections import section_key
from pipeline.run.process import process_document
from pipeline.structure.blocks import heading
from pipeline.structure.text import is_heading_shaped
from pipeline.tables.schema import SECTION_KEYS
from tests.parse.test_languages import _content, _rows, as_page, as_text, blocks

RUSSIAN = """\
# Аналитик данных vs. Инженер машинного обучения
5 мин чтения · 14 марта 2025 г.
Содержание
Обе профессии работают с данными, но решают разные задачи. Сравним их по порядку.
## Определения
Аналитик данных: Аналитик данных превращает сырые таблицы в ответы для бизнеса.
Инженер машинного обучения: Инженер машинного обучения переносит обученные модели в рабочие системы.
## Обязанности
### Аналитик данных
- Готовить еженедельные отчёты для руководства.
- Проверять гипотезы на исторических данных.
### Инженер машинного обучения
- Упаковывать модели в сервисы.
- Следить за качеством прогнозов после выпуска.
## Необходимые навыки
### Аналитик данных
- SQL и Excel.
- Основы статистики.
### Инженер машинного обучения
- Python и Docker.
## Образование
### Аналитик данных
- Диплом экономиста или математика.
### Инженер машинного обучения
- Магистратура по информатике.
## Инструменты и программное обеспечение
### Аналитик данных
- Power BI и Tableau.
### Инженер машинного обучения
- MLflow и Kubernetes.
## Отрасли
### Аналитик данных
- Розничная торговля и банки.
### Инженер машинного обучения
- Телеком и логистика.
## Перспективы
Спрос на обе профессии растёт почти во всех отраслях.
## Советы для начинающих
### Аналитик данных
- Собрать портфолио из трёх отчётов.
### Инженер машинного обучения
- Развернуть свою модель в облаке.
## Заключение
Если вам ближе вопросы бизнеса, выбирайте аналитику; если системы, то инженерию.
"""

POLISH = """\
# Inżynier danych vs. Analityk danych
6 min czytania · 2 października 2024
Spis treści
Oba zawody dotyczą danych, ale różnią się celem codziennej pracy. Porównujemy je krok po kroku.
## Definicje
Inżynier danych: Inżynier danych buduje przepływy, które zbierają i porządkują dane.
Analityk danych: Analityk danych odpowiada na pytania firmy na podstawie liczb.
## Obowiązki
### Inżynier danych
- Projektować ładowanie danych z wielu źródeł.
- Pilnować jakości danych.
### Analityk danych
- Przygotowywać raporty dla zarządu.
- Tłumaczyć zmiany wskaźników.
## Wymagane umiejętności
### Inżynier danych
- SQL i modelowanie danych.
### Analityk danych
- Excel i statystyka.
## Wykształcenie
### Inżynier danych
- Studia informatyczne.
### Analityk danych
- Studia z ekonomii lub matematyki.
## Narzędzia i oprogramowanie
### Inżynier danych
- Spark i Airflow.
### Analityk danych
- Power BI i Looker.
## Branże
### Inżynier danych
- Bankowość i handel.
### Analityk danych
- Logistyka i ubezpieczenia.
## Perspektywy
Na oba zawody jest duże zapotrzebowanie, które wciąż rośnie.
## Wskazówki na start
### Inżynier danych
- Opublikować własny projekt danych.
### Analityk danych
- Przygotować przykładowy raport.
## Podsumowanie
Wybór zależy od tego, czy wolisz budować systemy, czy odpowiadać na pytania.
"""

TURKISH = """\
# Veri Mühendisi vs. Veri Bilimci
7 dk okuma · 14 Mart 2025
İçindekiler
İki meslek de veriyle çalışır, ancak günlük işleri farklıdır. Bu yazıda onları yan yana koyuyoruz.
## Tanımlar
Veri Mühendisi: Veri Mühendisi, verinin toplandığı ve hazırlandığı hatları kurar.
Veri Bilimci: Veri Bilimci, veriden modeller kurarak sorulara yanıt arar.
## Sorumluluklar
### Veri Mühendisi
- Toplu ve akış veri hatları tasarlamak.
- Eksik teslimatları bildirmek.
### Veri Bilimci
- Veriyi keşfetmek ve temizlemek.
- Sonuçları sunmak.
## Gerekli Beceriler
### Veri Mühendisi
- SQL ve veri modelleme.
### Veri Bilimci
- İstatistik ve Python.
## Eğitim
### Veri Mühendisi
- Bilgisayar mühendisliği lisansı.
### Veri Bilimci
- İstatistik alanında yüksek lisans.
## Araçlar ve Yazılımlar
### Veri Mühendisi
- Airflow ve Kafka.
### Veri Bilimci
- Pandas ve Jupyter.
## Sektörler
### Veri Mühendisi
- Bankacılık ve perakende.
### Veri Bilimci
- Sağlık ve sigortacılık.
## Kariyer Görünümü
İki meslek için de talep yüksek ve artmaya devam ediyor.
## Başlangıç İçin İpuçları
### Veri Mühendisi
- Kendi veri projenizi yayımlayın.
### Veri Bilimci
- Bir analiz defteri paylaşın.
## Sonuç
Sistem kurmayı seviyorsanız mühendisliği, soru sormayı seviyorsanız bilimi seçin.
"""

CHINESE = """\
# 数据工程师 vs. 机器学习工程师
5 分钟阅读 · 2025年3月14日
目录
两个职位都离不开数据，但每天要解决的问题并不一样。下面逐项比较。
## 定义
数据工程师：数据工程师搭建收集和整理数据的管道。
机器学习工程师：机器学习工程师把训练好的模型稳定地部署到线上。
## 职责
### 数据工程师
- 设计批量和流式数据管道。
- 监控数据质量。
### 机器学习工程师
- 打包并发布模型。
- 跟踪模型上线后的效果。
## 所需技能
### 数据工程师
- SQL和数据建模。
- Python和Spark。
### 机器学习工程师
- Docker和Kubernetes。
## 教育背景
### 数据工程师
- 计算机专业本科。
### 机器学习工程师
- 计算机或统计学硕士。
## 工具和软件
### 数据工程师
- Airflow和Kafka。
### 机器学习工程师
- MLflow和Kubeflow。
## 行业
### 数据工程师
- 零售和银行。
### 机器学习工程师
- 汽车和医疗。
## 职业前景
两个职位的需求都在增长，几乎每个行业都在招人。
## 入门建议
### 数据工程师
- 公开一个自己的数据项目。
### 机器学习工程师
- 从头到尾维护一个模型。
## 结论
喜欢搬运数据就选数据工程师，喜欢让模型跑起来就选机器学习工程师。
"""

JAPANESE = """\
# データエンジニア vs. 機械学習エンジニア
8分で読めます · 2024年11月3日
目次
どちらの職種もデータを扱いますが、毎日の仕事の中身は違います。順番に比べてみましょう。
## 定義
データエンジニア：データエンジニアはデータを集めて整える仕組みを作ります。
機械学習エンジニア：機械学習エンジニアは学習済みのモデルを本番環境で動かします。
## 職務
### データエンジニア
- データの取り込み処理を設計する。
- 欠けたデータを報告する。
### 機械学習エンジニア
- モデルをサービスとして公開する。
- 公開後の精度を見守る。
## 必要なスキル
### データエンジニア
- SQLとデータモデリング。
### 機械学習エンジニア
- DockerとKubernetes。
- Pythonの設計力。
## 学歴
### データエンジニア
- 情報工学の学士号。
### 機械学習エンジニア
- 統計学の修士号。
## ツールとソフトウェア
### データエンジニア
- AirflowとKafka。
### 機械学習エンジニア
- MLflowとKubeflow。
## 業界
### データエンジニア
- 小売と金融。
### 機械学習エンジニア
- 製造と医療。
## 将来性
どちらの職種も需要が高く、これからも伸びる見込みです。
## 始め方のヒント
### データエンジニア
- 自分のデータ基盤を公開する。
### 機械学習エンジニア
- 小さなモデルを最後まで運用する。
## まとめ
仕組みづくりが好きならデータエンジニア、モデルを動かすのが好きなら機械学習エンジニアです。
"""

KOREAN = """\
# 데이터 분석가 vs. 머신러닝 엔지니어
6분 읽기 · 2025년 1월 20일
목차
두 직업 모두 데이터를 다루지만 하루의 일은 꽤 다릅니다. 하나씩 비교해 보겠습니다.
## 정의
데이터 분석가：데이터 분석가는 숫자를 읽어 회사의 질문에 답합니다.
머신러닝 엔지니어：머신러닝 엔지니어는 학습된 모델을 서비스에 올립니다.
## 주요 업무
### 데이터 분석가
- 경영진을 위한 주간 보고서를 만든다.
- 지표가 변한 이유를 설명한다.
### 머신러닝 엔지니어
- 모델을 패키징하고 배포한다.
- 배포 후 성능을 감시한다.
## 필요한 기술
### 데이터 분석가
- SQL과 엑셀.
### 머신러닝 엔지니어
- 파이썬과 도커.
## 학력
### 데이터 분석가
- 경제학 또는 통계학 학사.
### 머신러닝 엔지니어
- 컴퓨터공학 석사.
## 도구 및 소프트웨어
### 데이터 분석가
- Tableau와 Looker.
### 머신러닝 엔지니어
- MLflow와 Kubeflow.
## 산업
### 데이터 분석가
- 유통과 금융.
### 머신러닝 엔지니어
- 제조와 의료.
## 전망
두 직업 모두 수요가 많고 앞으로도 늘어날 것입니다.
## 시작을 위한 팁
### 데이터 분석가
- 예시 보고서를 공개한다.
### 머신러닝 엔지니어
- 작은 모델을 끝까지 운영해 본다.
## 결론
질문에 답하는 일이 좋다면 분석가, 시스템을 돌리는 일이 좋다면 엔지니어가 맞습니다.
"""

# language -> (article, its two roles, read minutes, published date)
ARTICLES = {
    "ru": (RUSSIAN, ("Аналитик данных", "Инженер машинного обучения"), 5, dt.date(2025, 3, 14)),
    "pl": (POLISH, ("Inżynier danych", "Analityk danych"), 6, dt.date(2024, 10, 2)),
    "tr": (TURKISH, ("Veri Mühendisi", "Veri Bilimci"), 7, dt.date(2025, 3, 14)),
    "zh": (CHINESE, ("数据工程师", "机器学习工程师"), 5, dt.date(2025, 3, 14)),
    "ja": (JAPANESE, ("データエンジニア", "機械学習エンジニア"), 8, dt.date(2024, 11, 3)),
    "ko": (KOREAN, ("데이터 분석가", "머신러닝 엔지니어"), 6, dt.date(2025, 1, 20)),
}


def _expected(article: str, roles: tuple[str, str]) -> tuple[dict[tuple[str, str], int], list[str]]:
    """Items per (section, side) and the section key of each ``##`` heading, from the markup."""
    items: dict[tuple[str, str], int] = {}
    section, side = "", ""
    keys = iter(SECTION_KEYS)
    headings = []
    for tag, text in blocks(article):
        if tag == "h2":
            section = next(keys)
            headings.append(text)
        elif tag == "h3":
            side = "ab"[roles.index(text)]
        elif tag == "li":
            items[(section, side)] = items.get((section, side), 0) + 1
    return items, headings


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_an_article_in_another_script_gives_its_sections_roles_and_items(language: str, fmt: str) -> None:
    article, roles, minutes, published = ARTICLES[language]
    lines = blocks(article)
    rows = _rows(as_text(article) if fmt == "text" else as_page(article), fmt)
    head = rows["articles"][0]
    assert (head["role_a"], head["role_b"]) == roles
    assert (head["read_minutes"], head["published_date"]) == (minutes, str(published))
    assert head["intro"] == lines[3][1] and head["truncated"] is False
    expected, headings = _expected(article, roles)
    sections = rows["sections"]
    assert list(dict.fromkeys(s["section"] for s in sections)) == list(SECTION_KEYS[:-1])
    # Each section under the heading the article printed for it.
    assert {(s["section"], s["heading"]) for s in sections if s["heading"]} == set(
        zip(SECTION_KEYS, headings, strict=False))
    # The definitions, one per role from its ``Role: text`` line (the label gone); the
    # outlook and the conclusion about both.
    definitions = [(s["role_side"], s["text"]) for s in sections if s["section"] == "definitions"]
    assert definitions == [(side, text.split(":" if ":" in text else "：", 1)[1].strip())
                           for side, (_tag, text) in zip("ab", lines[5:7], strict=True)]
    assert {s["role_side"] for s in sections if s["section"] in ("outlook", "conclusion")} == {"both"}
    got: dict[tuple[str, str], int] = {}
    for item in rows["items"]:
        got[(item["section"], item["role_side"])] = got.get((item["section"], item["role_side"]), 0) + 1
    assert got == expected


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_the_saved_page_in_another_script_gives_the_records_of_the_dump(language: str) -> None:
    article = ARTICLES[language][0]
    assert _content(_rows(as_page(article), "html")) == _content(_rows(as_text(article), "text"))


@pytest.mark.parametrize(
    ("language", "title"),
    [("zh", "东京 vs. 大阪"), ("zh", "苹果手机 vs. 安卓手机"), ("ja", "ラーメン vs. うどん"),
     ("ko", "서울 vs. 부산"), ("ru", "Спартак vs. Зенит"), ("ru", "Москва vs. Петербург"),
     ("pl", "Legia vs. Lech"), ("tr", "Galatasaray vs. Fenerbahçe")],
)
def test_a_comparison_of_other_things_in_another_script_is_no_article(language: str, title: str) -> None:
    """The headings of an article in these languages do not make any ``A vs. B`` page an
    article: without the read-time line or job cards both sides must read as job titles,
    and a name of places, teams or dishes holds no job noun."""
    article = ARTICLES[language][0]
    lines = article.splitlines()
    article = "\n".join([f"# {title}", *lines[2:]]) + "\n"  # no read-time line
    result = process_document(RawDocument("page.txt", as_text(article), "text"), Limits())
    assert [(q["stage"], q["reason"]) for q in result.quarantine] == [("parse", "not_an_article")]


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_an_article_without_its_read_time_line_is_still_one_by_its_job_titles(language: str) -> None:
    article, roles, _minutes, _published = ARTICLES[language]
    lines = article.splitlines()
    result = process_document(RawDocument("page.txt", as_text("\n".join([lines[0], *lines[2:]])), "text"),
                              Limits())
    assert not result.quarantine, result.quarantine
    head: dict[str, Any] = result.rows["articles"][0]
    assert (head["role_a"], head["role_b"], head["read_minutes"]) == (*roles, None)


@pytest.mark.parametrize(
    ("heading", "key"),
    [("所需技能", "required_skills"), ("教育背景", "education"), ("入门建议", "tips"),
     ("职业前景", "outlook"),
     ("必要なスキル", "required_skills"), ("始め方のヒント", "tips"), ("ツールとソフトウェア", "tools"),
     ("도구 및 기술", "tools"), ("시작을 위한 팁", "tips"), ("주요 업무", "responsibilities"),
     ("Необходимые навыки", "required_skills"), ("Советы для начинающих", "tips"),
     ("Wymagane umiejętności", "required_skills"), ("Başlangıç İçin İpuçları", "tips"),
     # a section word inside a heading about something else names no section
     ("为什么Python技能比电子表格更适合每周报告", None), ("常见问题", None), ("相关文章", None),
     ("Почему навыки Python важнее таблиц для еженедельных отчётов", None)],
)
def test_a_heading_in_another_language_names_its_section(heading: str, key: str | None) -> None:
    assert section_key(heading) == key


@pytest.mark.parametrize(
    ("line", "shaped"),
    [("定义", True), ("所需技能", True), ("데이터 분석가", True), ("数据工程师：数据工程师搭建管道。", False),
     ("两个职位的需求都在增长。", False), ("日常工作包括：", False), ("Обязанности", True)],
)
def test_a_cjk_line_is_a_heading_by_its_end_not_its_capital(line: str, shaped: bool) -> None:
    """CJK has no capitals: a short line that ends in no sentence mark is heading-shaped."""
    assert is_heading_shaped(line) is shaped


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh", {("SQL", "a"), ("Python", "a"), ("Docker", "b"), ("Kubernetes", "b"), ("MLflow", "b")}),
     ("ja", {("SQL", "a"), ("Docker", "b"), ("Kubernetes", "b"), ("Python", "b"), ("MLflow", "b")}),
     ("ko", {("SQL", "a"), ("Tableau", "a"), ("Looker", "a"), ("MLflow", "b"), ("Kubeflow", "b")})],
)
def test_a_tool_next_to_cjk_letters_is_a_mention(language: str, expected: set[tuple[str, str]]) -> None:
    """CJK writes no space between a tool's name and the next word (``SQL和数据建模``,
    ``SQL과``): a CJK character is a word edge for the English vocabulary."""
    rows = _rows(as_text(ARTICLES[language][0]), "text")
    keys = {rows["articles"][0]["role_key_a"]: "a", rows["articles"][0]["role_key_b"]: "b"}
    found = {(m["name"], keys[m["role_key"]]) for m in rows["mentions"]}
    assert expected <= found


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [("zh", "数据工程师搭建收集数据的管道。他们也维护数据仓库。", "机器学习工程师把模型部署到线上。"),
     ("ja", "データエンジニアはデータ基盤を作ります。", "機械学習エンジニアはモデルを本番で動かします！"),
     ("ko", "데이터 분석가는 숫자를 읽습니다. 그들은 보고서도 씁니다.",
      "머신러닝 엔지니어는 모델을 올립니다.")],
)
def test_cjk_prose_is_attributed_sentence_by_sentence(language: str, first: str, second: str) -> None:
    """A paragraph that defines both roles is split at ``。！？`` (no space or capital after
    them) and at a Korean ``. ``; a sentence naming no role stays with the one before it, and
    each side's text is the paragraph's own, with no space added or lost."""
    article = ARTICLES[language][0]
    lines = article.splitlines()
    paragraph = first + ("" if language != "ko" else " ") + second
    article = "\n".join([*lines[:5], paragraph, *lines[7:]]) + "\n"
    for data, fmt in ((as_text(article), "text"), (as_page(article), "html")):
        rows = _rows(data, fmt)
        assert [(s["role_side"], s["text"]) for s in rows["sections"] if s["section"] == "definitions"] == [
            ("a", first), ("b", second)]


@pytest.mark.parametrize(
    ("text", "roles", "key"),
    [("数据工程师和机器学习工程师", ("数据工程师", "机器学习工程师"), None),
     ("データエンジニアと機械学習エンジニア", ("データエンジニア", "機械学習エンジニア"), None),
     ("데이터 분석가와 머신러닝 엔지니어", ("데이터 분석가", "머신러닝 엔지니어"), None),
     ("Аналитик данных и Инженер машинного обучения", ("Аналитик данных", "Инженер машинного обучения"),
      None),
     ("Veri Mühendisi ve Veri Bilimci", ("Veri Mühendisi", "Veri Bilimci"), None),
     ("数据工程师的职责", ("数据工程师", "机器学习工程师"), "responsibilities"),
     ("머신러닝 엔지니어의 필요한 기술", ("데이터 분석가", "머신러닝 엔지니어"), "required_skills")],
)
def test_a_heading_naming_the_roles_in_another_language(text: str, roles: tuple[str, str],
                                                        key: str | None) -> None:
    """Both roles joined by the language's ``and`` make a role heading of both sides, as
    ``A and B`` does; a role and a section word make that role's section."""
    found = classify_heading(heading(text, 3), RoleMatcher(*roles))
    assert found is not None and found.key == key
    assert found.side == ("both" if key is None else "a" if text.startswith(roles[0]) else "b")
