"""Roadmaps of any size for the benchmark, generated deterministically in the real schema.

`generate(n)` returns the TOML text of a roadmap with exactly `n` counted items (checkboxes with
no checkbox children that are not `Resources:` lines, as `model` counts them), shaped like the
default roadmap grown large: phases with a duration and a focus, sections nested up to three
deep, topics (items with items) of two to six items and a `Resources:` line with a blank, a
few sub-topics, project lists with blanks, a phase of plain items, and a Resources Library of
plain bullets. About a third of the items are done (with their dates), one in twenty of the
rest is doing, and one item in ten has a note. The same `n` (and `seed`) always gives the
same bytes. `n` equal to the default's 76 is best served by the shipped file itself
(`roadmap_file(folder, 76)` does that).

No Textual here: the benchmark's parent process generates files without paying for it. Tests
use these roadmaps as data too (`from benchmarks.generate import generate`: pytest's pythonpath
has the repository root). Every string goes through `formats.toml_text.toml_string`, the writer
Markdown import uses.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from roadmap_tui.formats.toml_text import toml_string
from roadmap_tui.storage.schema import SCHEMA

DEFAULT_ITEMS = 76

WORDS = (
    "linear algebra calculus probability statistics optimization gradient descent regression "
    "classification clustering embedding attention transformer convolution recurrent network "
    "kernel bayesian inference sampling markov reinforcement policy value reward evaluation "
    "metrics validation regularization dropout batch normalization pipeline deployment serving "
    "monitoring drift feature engineering visualization pandas numpy tensor autograd compiler "
    "graph search retrieval ranking tokenization vision segmentation detection diffusion "
    "generative adversarial variational interpretability fairness privacy distributed scaling"
).split()


class _Builder:
    """Builds the roadmap as TOML lines while counting what it adds."""

    def __init__(self, n_items: int, seed: object) -> None:
        self.rng = random.Random(f"roadmap-tui-bench:{seed}:{n_items}")
        self.target = n_items
        self.counted = 0
        self.serial = 0
        self.lines: list[str] = []

    # Text --------------------------------------------------------------------------------

    def words(self, low: int, high: int) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))
        return text[:1].upper() + text[1:]

    def title(self, low: int = 1, high: int = 4) -> str:
        self.serial += 1
        return f"{self.words(low, high)} {self.serial}"

    @property
    def left(self) -> int:
        return self.target - self.counted

    # Items -------------------------------------------------------------------------------

    def journal(self, done: bool) -> str:
        """What a learner's journal adds to an item: dates on done items, a few doing, and a
        note (a short Markdown paragraph and list) on every tenth item."""
        extra = ""
        if done:
            day = 1 + self.rng.randrange(28)
            stamp = f"2026-{1 + self.rng.randrange(11):02d}-{day:02d}T{8 + self.rng.randrange(12):02d}:15:00+01:00"
            extra += f", started_at = {stamp}, done_at = {stamp}"
        elif self.rng.random() < 0.05:
            extra += ', state = "doing"'
        if self.counted % 10 == 0:
            note = f"{self.words(6, 14)}.\n\n- {self.words(2, 5)}\n- [{self.words(1, 2)}](https://example.com/{self.serial})"
            extra += f", note = {toml_string(note)}"
        return extra

    def counted_item(self) -> tuple[str, bool]:
        """An inline table for one counted item, and whether it is done."""
        self.counted += 1
        done = self.rng.random() < 0.35
        text = self.title(2, 6)
        fill = ""
        if self.rng.random() < 0.04:
            text += " (_[e.g., your notes]_)"
            if self.rng.random() < 0.5:
                fill = ', text_fill = "mine"'
        return f"{{ text = {toml_string(text)}, done = {str(done).lower()}{fill}{self.journal(done)} }}", done

    def topic_items(self, budget: int) -> tuple[list[str], bool]:
        """The inline items of a topic holding `budget` counted items (and maybe a sub-topic)."""
        entries: list[str] = []
        all_done = True
        remaining = budget
        if remaining >= 4 and self.rng.random() < 0.08:
            inner = self.rng.randint(2, min(3, remaining - 1))
            sub = []
            sub_done = True
            for _ in range(inner):
                entry, done = self.counted_item()
                sub.append(entry)
                sub_done = sub_done and done
            remaining -= inner
            all_done = all_done and sub_done
            entries.append(
                f"{{ text = {toml_string(self.title())}, done = {str(sub_done).lower()}, "
                f"items = [ {', '.join(sub)} ] }}"
            )
        for _ in range(remaining):
            entry, done = self.counted_item()
            entries.append(entry)
            all_done = all_done and done
        hint = self.words(1, 3)
        entries.append(f'{{ text = "Resources: _[e.g., {hint}]_", done = false }}')
        return entries, all_done

    def topic(self, prefix: str, budget: int) -> None:
        entries, done = self.topic_items(budget)
        self.lines += [
            f"[[{prefix}.items]]",
            f"text = {toml_string(self.title())}",
            f"done = {str(done).lower()}",
            "items = [",
            *(f"  {entry}," for entry in entries),
            "]",
            "",
        ]

    # Nodes -------------------------------------------------------------------------------

    def split(self, budget: int, parts: int) -> list[int]:
        """`budget` cut into `parts` positive pieces of random sizes."""
        parts = max(1, min(parts, budget))
        weights = [self.rng.uniform(0.5, 1.5) for _ in range(parts)]
        total = sum(weights)
        pieces = [max(1, int(budget * w / total)) for w in weights]
        pieces[-1] += budget - sum(pieces)
        while pieces[-1] < 1:  # rounding took too much from the last: take it back from the biggest
            biggest = max(range(parts - 1), key=lambda i: pieces[i])
            pieces[biggest] -= 1
            pieces[-1] += 1
        return pieces

    def section(self, prefix: str, budget: int, depth: int) -> None:
        """A `[[prefix]]` table holding `budget` counted items: topics, a flat list, or subsections."""
        self.lines += [f"[[{prefix}]]", f"title = {toml_string(self.title())}"]
        if budget > 40 and depth < 3:
            self.lines.append("")
            for piece in self.split(budget, self.rng.randint(3, 7)):
                self.section(f"{prefix}.sections", piece, depth + 1)
            return
        if budget <= 6 and self.rng.random() < 0.3:
            # A project list: counted items with blanks to fill, no topics.
            entries = []
            for index in range(budget):
                self.counted += 1
                done = self.rng.random() < 0.35
                entries.append(
                    f'{{ text = "Project {index + 1}: _[e.g., {self.words(2, 4)}]_", done = {str(done).lower()} }}'
                )
            self.lines += ["items = [", *(f"  {entry}," for entry in entries), "]", ""]
            return
        self.lines.append("")
        for piece in self.split(budget, max(1, round(budget / self.rng.uniform(3.5, 5.5)))):
            self.topic(f"{prefix}", piece)

    def phase(self, budget: int) -> None:
        low = self.rng.randint(1, 4)
        self.lines += [
            "[[phases]]",
            f"title = {toml_string(self.title(1, 3) + ' Phase')}",
            f'duration = "_[e.g., {low}-{low + self.rng.randint(1, 3)} months]_"',
            f"focus = {toml_string(self.words(4, 9))}",
            "",
        ]
        for piece in self.split(budget, self.rng.randint(3, 8)):
            self.section("phases.sections", piece, 1)

    def flat_phase(self, budget: int) -> None:
        """Like Continuous Learning: items straight under the phase."""
        self.lines += [
            "[[phases]]",
            f"title = {toml_string(self.title(1, 2) + ' (ongoing)')}",
            'intro = "**Ongoing activities throughout the journey:**"',
            "items = [",
        ]
        for _ in range(budget):
            entry, _done = self.counted_item()
            self.lines.append(f"  {entry},")
        self.lines += ["]", ""]

    def library(self) -> None:
        self.lines += ["[[phases]]", 'title = "Resources Library"', ""]
        for name in ("Books", "Courses", "Blogs & Websites", "Podcasts"):
            entries = [f"{{ text = {toml_string(self.words(2, 5))} }}" for _ in range(self.rng.randint(0, 4))]
            entries.append(f'{{ text = "_[List key {name.lower()}]_" }}')
            self.lines += [
                "[[phases.sections]]",
                f"title = {toml_string(name)}",
                "items = [",
                *(f"  {entry}," for entry in entries),
                "]",
                "",
            ]

    def build(self) -> str:
        self.lines += [
            f"# A generated roadmap of {self.target} items for roadmap-tui's benchmark.",
            "",
            f"schema = {SCHEMA}",
            f"title = {toml_string(f'Benchmark Roadmap ({self.target:,} items)')}",
            "",
        ]
        flat = min(5, self.target)
        phases = max(1, min(60, round(math.sqrt(self.target) / 4)))
        for piece in self.split(self.target - flat, phases) if self.target > flat else []:
            self.phase(piece)
        self.flat_phase(self.target - self.counted)
        self.library()
        assert self.counted == self.target, (self.counted, self.target)
        return "\n".join(self.lines)


def generate(n_items: int, seed: object = 0) -> str:
    """The TOML text of a roadmap with exactly `n_items` counted items (`n_items` >= 1)."""
    if n_items < 1:
        raise ValueError("a roadmap needs at least one item")
    return _Builder(n_items, seed).build()


def roadmap_file(folder: Path, n_items: int, seed: object = 0) -> Path:
    """Write the roadmap of `n_items` into `folder` (once) and return its path.

    76 items is the shipped default roadmap, byte for byte.
    """
    path = folder / f"roadmap-{n_items}.toml"
    if not path.exists():
        if n_items == DEFAULT_ITEMS:
            from roadmap_tui.paths import default_roadmap_bytes

            data = default_roadmap_bytes()
        else:
            data = generate(n_items, seed).encode("utf-8")
        path.write_bytes(data)
    return path


def markdown_checklist(n_tasks: int, seed: object = 0) -> str:
    """A README-like Markdown checklist of exactly `n_tasks` tasks, for the import benchmark.

    A title, phases (`##`) of sections (`###`) with a paragraph each, topics (a task with two to
    five sub-tasks), plain bullets with links, and lists of five to a few hundred tasks, except
    that the first list holds half the tasks (one long list: what made the import quadratic).
    The same `n_tasks` gives the same text.
    """
    if n_tasks < 1:
        raise ValueError("a checklist needs at least one task")
    rng = random.Random(f"roadmap-tui-bench-md:{seed}:{n_tasks}")

    def words(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    lines = [f"# Benchmark Checklist ({n_tasks:,} tasks)", "", words(8, 20) + ".", ""]
    made = 0
    phase = 0
    while made < n_tasks:
        phase += 1
        lines += [f"## Phase {phase}: {words(1, 3)}", ""]
        for section in range(rng.randint(2, 5)):
            if made >= n_tasks:
                break
            lines += [f"### {phase}.{section + 1} {words(1, 4)}", "", words(6, 30) + ".", ""]
            for _ in range(max(1, n_tasks // 2) if made == 0 else rng.randint(5, 300)):
                if made >= n_tasks:
                    break
                mark = "x" if rng.random() < 0.3 else " "
                lines.append(f"- [{mark}] {words(2, 8)} {made + 1}")
                made += 1
                if rng.random() < 0.1:
                    for _ in range(rng.randint(2, 5)):
                        if made >= n_tasks:
                            break
                        lines.append(f"  - [ ] {words(2, 6)} {made + 1}")
                        made += 1
                if rng.random() < 0.05:
                    lines.append(f"  - [{words(1, 2)}](https://example.org/{made}) {words(1, 5)}")
            lines.append("")
    return "\n".join(lines)
