"""Every key of the search UI, in one table: the bindings, the help and the README.

Each :class:`Key` says what a person presses, where, and what it does; its
``binds`` are the Textual bindings that make it so, by the part of the UI
that holds them. The widgets take their ``BINDINGS`` from
:func:`bindings`, the help screen lists :data:`KEYS`, and the README's key
table is :func:`markdown_table` (a test keeps them equal).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Bind:
    """One Textual binding: in ``scope``, ``key`` runs ``action``."""

    scope: str
    key: str
    action: str
    label: str
    show: bool = False
    priority: bool = False


@dataclass(frozen=True)
class Key:
    """A key as people read it: what to press, where, and what it does.

    ``keys`` and ``does`` are written as in the README (keys people type as
    `code`); the help screen shows them without the backticks.
    """

    keys: str
    where: str
    does: str
    binds: tuple[Bind, ...] = ()


KEYS: tuple[Key, ...] = (
    Key("typing", "search box", "search as you type (`?`, `s`, `f`, `j` are just letters here)"),
    Key("Enter", "search box", "search now"),
    Key("Down", "search box", "go to the results",
        (Bind("searchbar", "down", "screen.focus_results", "Results"),)),
    Key("`/`", "anywhere", "back to the search box",
        (Bind("app", "slash", "focus_search", "Search"),)),
    Key("Up/Down, `j`/`k`", "results", "move",
        (Bind("results", "j", "cursor_down", "Down"), Bind("results", "k", "cursor_up", "Up"))),
    Key("Enter, click", "results", "open the article, every match highlighted",
        (Bind("results", "enter", "select", "Open", show=True),)),
    Key("`s`", "results", "relevance / date sort (newest first)",
        (Bind("results", "s", "screen.toggle_sort", "Sort", show=True),)),
    Key("`f`", "results", "date-range and source filters",
        (Bind("results", "f", "screen.toggle_filters", "Filters", show=True),)),
    Key("`m`, `t`, `p`", "results", "similar articles; timeline (←/→, Enter); facets (Enter)",
        (Bind("results", "m", "screen.similar", "Similar", show=True),
         Bind("article", "m", "similar", "Similar", show=True),
         Bind("similar", "escape", "back", "Back", show=True),
         Bind("results", "t", "screen.focus_timeline", "Timeline"),
         Bind("timeline", "left", "left", "Earlier"), Bind("timeline", "right", "right", "Later"),
         Bind("timeline", "enter", "choose", "Filter", show=True),
         Bind("timeline", "escape", "screen.focus_results", "Results"),
         Bind("results", "p", "screen.toggle_facets", "Facets", show=True),
         Bind("facets", "p", "screen.toggle_facets", "Close facets"),
         Bind("facets", "escape", "screen.toggle_facets", "Close facets"))),
    Key("Esc", "results", "back to the search box",
        (Bind("results", "escape", "screen.focus_search", "Search"),)),
    Key("Esc", "filters", "close the filters",
        (Bind("filters", "escape", "screen.toggle_filters", "Close filters"),)),
    Key("`?`, F1", "results / anywhere", "help",
        (Bind("results", "question_mark", "app.help", "Help"),
         Bind("app", "f1", "help", "Help", show=True))),
    Key("Esc", "article", "back to the list, selection kept",
        (Bind("article", "escape", "back", "Back", show=True),)),
    Key("`n` / `N`", "article", "next / previous match",
        (Bind("article", "n", "next_match", "Next match", show=True),
         Bind("article", "N", "previous_match", "Previous", show=True))),
    Key("`r`", "article", "clean text / raw file",
        (Bind("article", "r", "toggle_raw", "Raw/clean", show=True),)),
    Key("`j`/`k`, space", "article", "scroll down / up, a page down",
        (Bind("article-text", "j", "scroll_down", "Down"),
         Bind("article-text", "k", "scroll_up", "Up"),
         Bind("article-text", "space", "page_down", "Page down"))),
    Key("`*` `u` `#` `w`", "results / article", "star, read/unread, tags (`-x` drops x), note",
        (Bind("results", "asterisk", "app.toggle_star", "Star"),
         Bind("article", "asterisk", "app.toggle_star", "Star"),
         Bind("results", "u", "app.toggle_read", "Read"),
         Bind("article", "u", "app.toggle_read", "Read"),
         Bind("results", "number_sign", "app.edit_tags", "Tag"),
         Bind("article", "number_sign", "app.edit_tags", "Tag"),
         Bind("results", "w", "app.edit_note", "Note"),
         Bind("article", "w", "app.edit_note", "Note"),
         Bind("prompt", "escape", "cancel", "Cancel", show=True))),
    Key("Up", "empty search box", "earlier searches (history)",
        (Bind("searchbar", "up", "app.history_back", "History"),)),
    Key("ctrl+o", "anywhere", "saved searches and their new hits: Enter runs, `a` adds, `d` drops",
        (Bind("app", "ctrl+o", "saved_searches", "Saved"),
         Bind("saved", "a", "add", "Save current", show=True),
         Bind("saved", "d", "remove", "Remove", show=True),
         Bind("saved", "escape", "close", "Close", show=True))),
    Key("ctrl+s, click", "suggestion line", "search the did-you-mean suggestion",
        (Bind("screen", "ctrl+s", "use_suggestion", "Suggestion"),)),
    Key("ctrl+r", "anywhere", "sync the index with the corpus (progress bar)",
        (Bind("app", "ctrl+r", "resync", "Sync", show=True),)),
    Key("ctrl+p", "anywhere", "command palette"),
    Key("Up/Down, `j`/`k`, space", "help", "scroll",
        (Bind("help-box", "j", "scroll_down", "Down"),
         Bind("help-box", "k", "scroll_up", "Up"),
         Bind("help-box", "space", "page_down", "Page down"))),
    Key("Esc, F1, `?`, `q`", "help", "close the help",
        (Bind("help", "escape", "dismiss", "Close", show=True),
         Bind("help", "f1", "dismiss", "Close"),
         Bind("help", "question_mark", "dismiss", "Close"),
         Bind("help", "q", "dismiss", "Close"))),
    Key("ctrl+q", "anywhere", "quit",
        (Bind("app", "ctrl+q", "quit", "Quit", show=True, priority=True),)),
)  # fmt: skip


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of one part of the UI, in table order."""
    return [
        Binding(b.key, b.action, b.label, show=b.show, priority=b.priority)
        for key in KEYS
        for b in key.binds
        if b.scope == scope
    ]


def markdown_table() -> str:
    """The README's key table."""
    rows = ["| key | where | action |", "| --- | --- | --- |"]
    rows += [f"| {key.keys} | {key.where} | {key.does} |" for key in KEYS]
    return "\n".join(rows)
