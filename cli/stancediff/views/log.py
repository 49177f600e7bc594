"""The `log` view: the commits that changed an actor's stances, newest first, position moves first."""

from __future__ import annotations

from ..analysis.changes import Changes
from ..git.history import History
from ..text import count
from .records import stance_json
from .view import Cell, Table, View

MAX_SHOWN = 200  # characters of a changed value shown in the table (the JSON has it whole)


def log_view(history: History) -> View:
    """One table per commit, titled as `git log --oneline` shows it, with a row per change."""
    tables = []
    for commit in history.commits:
        rows = tuple(
            (Cell(topic), Cell(date), Cell(change, style)) for topic, date, change, style in _lines(commit.changes)
        )
        title = f"{commit.hash[:7]} {commit.date[:10]} {commit.author}: {commit.message}"
        tables.append(Table(("topic", "stance", "change"), rows, title, prose=(2,)))
    about = f"{history.actor} on {history.topic}" if history.topic else history.actor
    notes = [
        f"{count(len(history.commits), 'commit')} changed the stances of {about}, "
        f"of {count(history.read, 'commit')} of {history.path} read"
    ]
    if history.more:
        notes.append(f"older commits of {history.path} were not read; raise --max-count to read more")
    data = {
        "actor": history.actor,
        "topic": history.topic,
        "file": history.path,
        "read": history.read,
        "more": history.more,
        "commits": [
            {
                "commit": c.hash,
                "author": c.author,
                "date": c.date,
                "message": c.message,
                "moved": [
                    {"id": m.after.id, "topic": m.after.topic, "date": str(m.after.date), "move": m.move}
                    for m in c.changes.moved
                ],
                "added": [stance_json(s) for s in c.changes.stances_added],
                "removed": [stance_json(s) for s in c.changes.stances_removed],
                "changed": [
                    {
                        "id": m.after.id,
                        "before": m.before.id,
                        "changes": [{"field": f.field, "before": f.before, "after": f.after} for f in m.fields],
                    }
                    for m in c.changes.stances_changed
                ],
            }
            for c in history.commits
        ],
    }
    return View(f"History of {about}", data, (), tuple(tables), tuple(notes))


def _lines(changes: Changes) -> list[tuple[str, str, str, str | None]]:
    """(topic, stance date, what changed, style) for each change, position moves first."""
    lines: list[tuple[str, str, str, str | None]] = []
    for change in changes.moved:
        lines.append((change.after.topic, str(change.after.date), change.move or "", change.after.position))
    for stance in changes.stances_added:
        lines.append((stance.topic, str(stance.date), f"added: {stance.position}", stance.position))
    for stance in changes.stances_removed:
        lines.append((stance.topic, str(stance.date), f"removed (was {stance.position})", "muted"))
    for change in changes.stances_changed:
        for field in change.fields:
            if field.field != "position":
                before, after = _short(field.before), _short(field.after)
                lines.append((change.after.topic, str(change.after.date), f"{field.field}: {before} -> {after}", None))
    return lines


def _short(text: str) -> str:
    text = text or "(none)"
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
