"""Tabs (WAI-ARIA's tab pattern): every panel is text, and its tab's label heads it.

A redesigned page may print each role's part of a section as tabs: the roles' names in a tab
list, one panel per role, all but one hidden. The walk reads every panel, hidden or not,
under a heading that is its tab's label, and does not print the tab list itself.
"""

from __future__ import annotations

from pipeline.structure.blocks import Block, heading, item, paragraph
from pipeline.structure.html import html_to_blocks


def blocks_of(body: str) -> list[Block]:
    return html_to_blocks(f"<html><body><main>{body}</main></body></html>").blocks


def panel(tab_id: str, items: str, *, hidden: bool = False, extra: str = "") -> str:
    lis = "".join(f"<li>{text}</li>" for text in items.split("|"))
    return (f'<div role="tabpanel" id="p-{tab_id}" aria-labelledby="t-{tab_id}"{" hidden" if hidden else ""}'
            f"{extra}><ul>{lis}</ul></div>")


def test_aria_tabs_give_each_panel_under_its_label_hidden_panels_too() -> None:
    tabs = ('<div role="tablist"><button role="tab" id="t-a" aria-selected="true">Data Engineer</button>'
            '<button role="tab" id="t-b" tabindex="-1">MLOps Engineer</button></div>')
    got = blocks_of("<h2>Responsibilities</h2>" + tabs + panel("a", "Build pipelines")
                    + panel("b", "Deploy models|Watch drift", hidden=True))
    assert got == [heading("Responsibilities", 2), heading("Data Engineer", 3), item("Build pipelines", "•"),
                   heading("MLOps Engineer", 3), item("Deploy models", "•"), item("Watch drift", "•")]


def test_panels_are_labelled_by_id_whatever_their_order() -> None:
    tabs = ('<div role="tablist"><button role="tab" id="t-a">Data Engineer</button>'
            '<button role="tab" id="t-b">MLOps Engineer</button></div>')
    got = blocks_of("<h2>Skills</h2>" + tabs + panel("b", "Kubernetes") + panel("a", "SQL"))
    assert [b.text for b in got] == ["Skills", "MLOps Engineer", "Kubernetes", "Data Engineer", "SQL"]


def test_bootstrap_tabs_label_panels_in_order() -> None:
    # Bootstrap's markup: a list of links with role=tab, panels hidden by a class only.
    tabs = ('<ul class="nav nav-tabs" role="tablist">'
            '<li role="presentation"><a class="nav-link active" role="tab" href="#one">Data Engineer</a></li>'
            '<li role="presentation"><a class="nav-link" role="tab" href="#two">MLOps Engineer</a></li></ul>')
    panels = ('<div class="tab-content">'
              '<div class="tab-pane active" role="tabpanel" id="one"><p>Pipelines.</p></div>'
              '<div class="tab-pane" role="tabpanel" id="two"><p>Models.</p></div></div>')
    got = blocks_of("<h2>Definitions</h2>" + tabs + panels)
    assert got == [heading("Definitions", 2), heading("Data Engineer", 3), paragraph("Pipelines."),
                   heading("MLOps Engineer", 3), paragraph("Models.")]


def test_a_panel_named_by_its_own_aria_label() -> None:
    got = blocks_of('<h3>Tools</h3>'
                    '<section role="tabpanel" aria-label="AI Architect"><p>Diagrams.</p></section>')
    assert got == [heading("Tools", 3), heading("AI Architect", 4), paragraph("Diagrams.")]


def test_a_panel_without_a_label_keeps_its_text_and_adds_no_heading() -> None:
    got = blocks_of('<h2>Tips</h2><div role="tabpanel" hidden><p>Practise.</p></div>')
    assert got == [heading("Tips", 2), paragraph("Practise.")]


def test_a_tab_list_without_marked_tabs_labels_panels_by_its_children() -> None:
    got = blocks_of('<h2>Education</h2>'
                    '<div role="tablist"><span>AI Architect</span><span>Data Analyst</span></div>'
                    '<div role="tabpanel"><p>Degree.</p></div><div role="tabpanel"><p>Courses.</p></div>')
    assert [b.text for b in got] == ["Education", "AI Architect", "Degree.", "Data Analyst", "Courses."]


def test_other_hidden_elements_stay_hidden_and_tabs_in_site_chrome_print_nothing() -> None:
    tabs = '<div role="tablist"><button role="tab" id="t-x">Menu</button></div>'
    got = blocks_of("<h2>Outlook</h2><p>Growing.</p><div hidden><p>Secret.</p></div>"
                    f'<nav>{tabs}<div role="tabpanel" aria-labelledby="t-x"><a href="/">Home</a></div></nav>')
    assert got == [heading("Outlook", 2), paragraph("Growing.")]
