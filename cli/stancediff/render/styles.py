"""How each meaning a cell can carry is styled on a terminal."""

STYLES = {
    "support": "bold green",
    "lean-support": "green",
    "neutral": "yellow",
    "lean-oppose": "dark_orange",
    "oppose": "bold red",
    "agree": "green",
    "differ": "yellow",
    "opposed": "bold red",
    "only": "dim",
    "reported": "cyan",
    "inferred": "magenta",
    "stated": "",
    "muted": "dim",
    "strong": "bold",
}
