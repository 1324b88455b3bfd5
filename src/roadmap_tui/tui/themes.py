"""roadmap-tui's own look: a dark and a light theme (Textual's themes stay in the palette).

Colour says one thing each, used sparingly: teal is where you are (focus, keys, titles), green is
done (checks, bars), amber is a blank still to fill or a question, red is a problem. Everything
else is text, or dim text for what is secondary (hints, notes, the trail above a topic).
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="roadmap-dark",
    primary="#5FB3A1",
    secondary="#7C9CBF",
    accent="#E3B341",
    success="#8CC265",
    warning="#E3B341",
    error="#E06C75",
    foreground="#D5D8DC",
    background="#14161A",
    surface="#1B1E23",
    panel="#23272E",
    dark=True,
    variables={
        "border": "#5FB3A1",
        "border-blurred": "#3A4049",
        "footer-background": "#1B1E23",
        "footer-key-foreground": "#5FB3A1",
        "footer-description-foreground": "#A3ABB5",
        "block-cursor-background": "#2E4A45",
        "block-cursor-foreground": "#F2F4F5",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#262B31",
        "block-hover-background": "#20252B",
        "scrollbar": "#2F343C",
        "scrollbar-hover": "#454C56",
        "scrollbar-active": "#5FB3A1",
        "scrollbar-background": "#14161A",
        "scrollbar-background-hover": "#14161A",
        "scrollbar-background-active": "#14161A",
        "scrollbar-corner-color": "#14161A",
        "input-selection-background": "#5FB3A1 35%",
    },
)

LIGHT = Theme(
    name="roadmap-light",
    primary="#1E7F6E",
    secondary="#3D6A99",
    accent="#9A6200",
    success="#3C8A2E",
    warning="#9A6200",
    error="#C0392B",
    foreground="#24292F",
    background="#F6F5F1",
    surface="#FFFFFF",
    panel="#E6E3DC",
    dark=False,
    variables={
        "border": "#1E7F6E",
        "border-blurred": "#C9C5BC",
        "footer-background": "#E6E3DC",
        "footer-key-foreground": "#1E7F6E",
        "footer-description-foreground": "#4A5058",
        "block-cursor-background": "#CFE7E1",
        "block-cursor-foreground": "#14211E",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#E6E3DC",
        "block-hover-background": "#EEECE6",
        "scrollbar": "#D8D4CB",
        "scrollbar-hover": "#BDB8AD",
        "scrollbar-active": "#1E7F6E",
        "scrollbar-background": "#F6F5F1",
        "scrollbar-background-hover": "#F6F5F1",
        "scrollbar-background-active": "#F6F5F1",
        "scrollbar-corner-color": "#F6F5F1",
        "input-selection-background": "#1E7F6E 25%",
    },
)

THEMES = (DARK, LIGHT)
