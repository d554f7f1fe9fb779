"""Deterministic, realistic BibTeX databases for the build benchmarks.

The same seed and size always give byte-identical text. The entries look like a research
group's real database: articles, conference papers, arXiv preprints, theses, books and
technical reports; ``@string`` macros for journals and conferences (some joined with ``#``),
month macros (``month = jan``), LaTeX accents in names and titles, brace-protected words,
``$...$`` math, arXiv ids, DOIs, URLs, abstracts of a few sentences and keywords, and
conference papers that take their venue and year from a ``crossref``'d ``@proceedings``
entry. A fixed owner name appears in about 30% of the author lists. ``files`` holds the
same database in three files, as groups keep theirs: macros, entries, proceedings.

    python benchmarks/generate_bib.py 1000 -o publications.bib [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

OWNER = "Doe, Jane Q."
OWNER_SHARE = 0.3
DEFAULT_SEED = 0

# name in the entries -> expansion, in the order they are written.
STRINGS: tuple[tuple[str, str], ...] = (
    ("jmlr", "Journal of Machine Learning Research"),
    ("tpami", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
    ("nature", "Nature"),
    ("natmi", "Nature Machine Intelligence"),
    ("neco", "Neural Computation"),
    ("jasa", "Journal of the American Statistical Association"),
    ("annstat", "The Annals of Statistics"),
    ("tmlr", "Transactions on Machine Learning Research"),
    ("cacm", "Communications of the {ACM}"),
    ("siamjc", "{SIAM} Journal on Computing"),
    ("neurips", "Advances in Neural Information Processing Systems"),
    ("icml", "International Conference on Machine Learning"),
    ("iclr", "International Conference on Learning Representations"),
    ("cvpr", "{IEEE}/{CVF} Conference on Computer Vision and Pattern Recognition"),
    ("acl", "Annual Meeting of the Association for Computational Linguistics"),
    ("aistats", "International Conference on Artificial Intelligence and Statistics"),
    ("mitpress", "{MIT} Press"),
    ("cup", "Cambridge University Press"),
    ("springer", "Springer"),
)
JOURNALS = ("jmlr", "tpami", "nature", "natmi", "neco", "jasa", "annstat", "tmlr", "cacm", "siamjc")
CONFERENCES = (
    ("neurips", "NeurIPS"),
    ("icml", "ICML"),
    ("iclr", "ICLR"),
    ("cvpr", "CVPR"),
    ("acl", "ACL"),
    ("aistats", "AISTATS"),
)
OTHER_VENUES = (
    "Proceedings of the Conference on Uncertainty in Artificial Intelligence ({UAI})",
    "Workshop on Science of Deep Learning at {NeurIPS}",
    "Proceedings of the 29th {ACM} {SIGKDD} Conference on Knowledge Discovery and Data Mining",
    "Conference on Learning Theory ({COLT})",
    "Symposium on Geometry Processing",
)
OTHER_JOURNALS = (
    "Journal of Computational Neuroscience",
    "Physical Review {E}",
    "Proceedings of the National Academy of Sciences",
    "Statistics and Computing",
)
PUBLISHERS = ("mitpress", "cup", "springer")
SCHOOLS = (
    "McGill University",
    "Universit{\\'e} de Montr{\\'e}al",
    '{ETH} Z{\\"u}rich',
    "Massachusetts Institute of Technology",
    'Universit{\\"a}t T{\\"u}bingen',
    "{\\'E}cole Polytechnique F{\\'e}d{\\'e}rale de Lausanne",
    "University of Toronto",
)
INSTITUTIONS = (
    'Max-Planck-Institut f{\\"u}r Intelligente Systeme',
    "Microsoft Research",
    "Department of Computer Science, Stanford University",
    "Institut National de Recherche en Informatique et en Automatique ({INRIA})",
    "Google Research",
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ARXIV_CLASSES = ("cs.LG", "cs.CV", "cs.CL", "stat.ML", "cs.AI", "math.OC", "q-bio.NC")

FIRST_NAMES = (
    "Alice",
    "Bo",
    "Chen",
    "David",
    "Elena",
    "Fran{\\c{c}}ois",
    "Gabriel",
    "Hiroshi",
    "Ingrid",
    "J{\\'e}r{\\^o}me",
    "Katarzyna",
    "Lars",
    "Mar{\\'\\i}a",
    "Nikolaj",
    "Olga",
    "Priya",
    "Qiang",
    "Ren{\\'e}e",
    "S{\\o}ren",
    "Tom{\\'a}{\\v{s}}",
    "Ugo",
    "Vera",
    "Wei",
    "Xavier",
    "Yasmin",
    'Zo{\\"e}',
    "Ana",
    'Bj{\\"o}rn',
    "Carlos",
    "Dilnoza",
)
MIDDLE_INITIALS = ("", "", "", "A. ", "J. ", "M. ", "K. ", "R. ")
LAST_NAMES = (
    "Smith",
    'M{\\"u}ller',
    "{\\O}stergaard",
    "Garc{\\'\\i}a",
    "Nakamura",
    "Kowalski",
    "Dubois",
    "Andersson",
    "Zhang",
    "Wang",
    "Patel",
    'Sch{\\"o}lkopf',
    "Ha{\\v{s}}ek",
    "Nu{\\~n}ez",
    "Bj{\\o}rnstad",
    "Fran{\\c{c}}ais",
    "Lef{\\`e}vre",
    "Okonkwo",
    "Ivanova",
    "Rossi",
    "Kim",
    "Nguyen",
    "{\\AA}berg",
    "O'Connor",
    "Haddad",
    "Erd{\\H{o}}s",
    "Brown",
    "Tanaka",
    "Silva",
    "Cohen",
)
VON_NAMES = ("van der Berg", "de la Cruz", "von Neumann", "di Stefano", "van Dijk")

ADJECTIVES = (
    "Robust",
    "Scalable",
    "Efficient",
    "Provable",
    "Sparse",
    "Hierarchical",
    "Equivariant",
    "Self-Supervised",
    "Contrastive",
    "Implicit",
    "Low-Rank",
    "Causal",
    "Probabilistic",
    "Differentiable",
    "Adaptive",
)
NOUNS = (
    "Representations",
    "Embeddings",
    "Regularization",
    "Generalization",
    "Optimization",
    "Attention",
    "Priors",
    "Kernels",
    "Dynamics",
    "Inference",
    "Interpretability",
    "Features",
    "Networks",
    "Bounds",
    "Estimators",
)
TASKS = (
    "Image Classification",
    "Protein Folding",
    "Language Modeling",
    "3D Shape Orientation",
    "Reinforcement Learning",
    "Causal Discovery",
    "Time Series Forecasting",
    "Neural Population Decoding",
    "Graph Matching",
    "Density Estimation",
    "Speech Recognition",
    "Domain Adaptation",
)
PROTECTED = (
    "{BERT}",
    "{ImageNet}",
    "{G}aussian",
    "{B}ayesian",
    "{M}arkov",
    "{Transformer}s",
    "{ResNet}",
    "{L}angevin",
    "{GPT}",
    "{CLIP}",
)
ACCENTED = (
    "Poincar{\\'e}",
    'Schr{\\"o}dinger',
    "Erd{\\H{o}}s--R{\\'e}nyi",
    "Fr{\\'e}chet",
    "L{\\'e}vy",
    "Cram{\\'e}r--Rao",
    "{\\'E}tude of",
)
MATH = (
    "$O(n \\log n)$",
    "$\\ell_1$",
    "$k$-Means",
    "$\\epsilon$-Greedy",
    "$\\mathcal{O}(1/\\sqrt{T})$",
    "$L^2$",
    "$\\beta$-{VAE}",
    "$n$-Gram",
)
TITLE_TEMPLATES = (
    "{adj} {noun} for {task}",
    "On the {noun} of {protected} Models",
    "{protected} {noun} via {adj} {noun2}",
    "Towards {adj} {task} with {protected} {noun}",
    "{accented} {noun} for {task}",
    "An {math} Algorithm for {adj} {task}",
    "{math} {noun} Are {adj}",
    "When Do {adj} {noun} Help {task}?",
    "{adj} {task}: A {accented} Perspective",
    "Learning {noun} with {math} Constraints",
)
SENTENCES = (
    "We study {topic} in the setting of {task2}.",
    "Existing methods for {task2} rely on {noun2} that scale poorly with the size of the data.",
    "We propose a {adj2} approach based on {protected} {noun2}, which runs in {math} time.",
    "Our analysis shows that {noun2} improve accuracy by up to {percent}\\% on standard "
    "benchmarks.",
    "Experiments on {task2} and related problems confirm the theory; code is released.",
    "The method builds on earlier work on {accented} {noun2}.",
    "We further derive {adj2} bounds that hold with high probability.",
    "We call this the \\emph{{{noun2} trick}}, after~{protected} models.",
)
KEYWORDS = (
    "deep learning",
    "optimization",
    "generalization",
    "interpretability",
    "representation learning",
    "computer vision",
    "natural language processing",
    "neuroscience",
    "statistics",
    "geometry",
    "reinforcement learning",
    "causality",
)
# Entry types with their share of the database.
TYPES: tuple[tuple[str, float], ...] = (
    ("article", 0.33),
    ("inproceedings", 0.35),
    ("misc", 0.15),
    ("techreport", 0.08),
    ("book", 0.04),
    ("phdthesis", 0.05),
)


@dataclass
class Bibliography:
    """A generated database: its text and the keys of its entries, in file order."""

    text: str
    keys: list[str] = field(default_factory=list)
    owner_keys: list[str] = field(default_factory=list)
    # The same database as a group keeps it, in reading order: the macros, the entries,
    # then the proceedings the conference papers take their venue and year from.
    files: dict[str, str] = field(default_factory=dict)


def _ascii(latex: str) -> str:
    """A LaTeX-accented name as plain lowercase ASCII letters, for keys."""
    text = re.sub(r"\\[a-zA-Z]+\{(\w)\}", r"\1", latex)  # \c{c}, \v{s}, \H{o}
    text = re.sub(r"\\[\"'`^~=.]", "", text)  # \"o, \'e
    text = text.replace("\\O", "O").replace("\\o", "o").replace("\\AA", "A").replace("\\i", "i")
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text.lower() if "a" <= char <= "z")


class _Generator:
    def __init__(self, seed: int) -> None:
        self.proceedings: dict[str, str] = {}  # key -> entry, of the crossref'd volumes
        self.rng = random.Random(seed)
        self.keys: set[str] = set()

    def person(self) -> str:
        rng = self.rng
        first = rng.choice(FIRST_NAMES)
        middle = rng.choice(MIDDLE_INITIALS)
        if rng.random() < 0.06:
            return f"{rng.choice(VON_NAMES)}, {first}"
        last = rng.choice(LAST_NAMES)
        if rng.random() < 0.25:
            return f"{first} {middle}{last}"
        return f"{last}, {first}{' ' + middle.strip() if middle else ''}"

    def authors(self) -> tuple[list[str], bool]:
        rng = self.rng
        count = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8))
        if rng.random() < 0.03:
            count = rng.randint(15, 40)  # a large collaboration
        names: list[str] = []
        while len(names) < count:
            name = self.person()
            if name not in names:
                names.append(name)
        owned = rng.random() < OWNER_SHARE
        if owned:
            names[rng.randrange(len(names))] = OWNER
        if count > 10 and rng.random() < 0.5:
            names.append("others")
        return names, owned

    def words(self) -> dict[str, str]:
        rng = self.rng
        return {
            "adj": rng.choice(ADJECTIVES),
            "adj2": rng.choice(ADJECTIVES).lower(),
            "noun": rng.choice(NOUNS),
            "noun2": rng.choice(NOUNS).lower(),
            "task": rng.choice(TASKS),
            "task2": rng.choice(TASKS).lower(),
            "protected": rng.choice(PROTECTED),
            "accented": rng.choice(ACCENTED),
            "math": rng.choice(MATH),
            "topic": rng.choice(KEYWORDS),
            "percent": str(rng.randint(2, 40)),
        }

    def title(self) -> str:
        return self.rng.choice(TITLE_TEMPLATES).format(**self.words())

    def abstract(self) -> str:
        count = self.rng.randint(3, 6)
        picked = self.rng.sample(SENTENCES, count)
        return " ".join(sentence.format(**self.words()) for sentence in picked)

    def key(self, authors: list[str], year: int, title: str) -> str:
        first = authors[0]
        last = first.split(",")[0] if "," in first else first.split()[-1]
        word = next(
            (w for w in (_ascii(part) for part in title.split()) if len(w) > 3),
            "paper",
        )
        stem = f"{_ascii(last) or 'anon'}{year}{word}"
        key, suffix = stem, 0
        while key in self.keys:
            suffix += 1
            key = f"{stem}{chr(ord('a') + (suffix - 1) % 26)}{'' if suffix <= 26 else suffix}"
        self.keys.add(key)
        return key

    def arxiv(self, year: int) -> str:
        month = self.rng.randint(1, 12)
        if year >= 2015:
            return f"{year % 100:02d}{month:02d}.{self.rng.randint(1, 29999):05d}"
        return f"{year % 100:02d}{month:02d}.{self.rng.randint(1, 9999):04d}"

    def doi(self, year: int, venue: str) -> str:
        registrant = self.rng.choice(("1145", "1109", "1038", "5555", "52202", "1162"))
        return f"10.{registrant}/{venue}.{year}.{self.rng.randint(100, 99999)}"

    def entry(self) -> tuple[str, str, bool]:
        rng = self.rng
        entry_type = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
        authors, owned = self.authors()
        year = rng.randint(2005, 2025)
        title = self.title()
        key = self.key(authors, year, title)
        fields: list[tuple[str, str]] = [
            ("title", "{" + title + "}"),
            ("author", "{" + " and ".join(authors) + "}"),
        ]
        arxiv = self.arxiv(year) if year >= 2008 else ""
        slug = key[:12]
        inherited = False  # the year comes from the crossref'd proceedings
        if entry_type == "article":
            if rng.random() < 0.8:
                fields.append(("journal", rng.choice(JOURNALS)))
            else:
                fields.append(("journal", "{" + rng.choice(OTHER_JOURNALS) + "}"))
            fields.append(("volume", "{" + str(rng.randint(1, 60)) + "}"))
            fields.append(("number", "{" + str(rng.randint(1, 12)) + "}"))
            start = rng.randint(1, 3000)
            fields.append(("pages", f"{{{start}--{start + rng.randint(5, 40)}}}"))
            fields.append(("doi", "{" + self.doi(year, "j") + "}"))
        elif entry_type == "inproceedings":
            venue_roll = rng.random()
            if venue_roll < 0.5:
                macro, abbr = rng.choice(CONFERENCES)
                if rng.random() < 0.5:
                    # As a group bibliography has it: venue and year from the proceedings.
                    parent = f"{abbr.lower()}{year}"
                    fields.append(("crossref", "{" + parent + "}"))
                    self.proceedings.setdefault(parent, _proceedings(parent, macro, year))
                    inherited = True
                else:
                    fields.append(("booktitle", macro))
                fields.append(("abbr", "{" + abbr + "}"))
            elif venue_roll < 0.75:
                macro, abbr = rng.choice(CONFERENCES)
                fields.append(("booktitle", "{Proceedings of the } # " + macro))
                fields.append(("abbr", "{" + abbr + "}"))
            else:
                fields.append(("booktitle", "{" + rng.choice(OTHER_VENUES) + "}"))
            start = rng.randint(1, 12000)
            fields.append(("pages", f"{{{start}--{start + rng.randint(8, 14)}}}"))
            if rng.random() < 0.5:
                fields.append(("url", f"{{https://openreview.net/forum?id={slug}}}"))
            if rng.random() < 0.3:
                fields.append(("doi", "{" + self.doi(year, "conf") + "}"))
        elif entry_type == "misc":
            arxiv = arxiv or self.arxiv(2015 + rng.randint(0, 10))
            fields.append(("howpublished", "{arXiv preprint}"))
            fields.append(("url", f"{{https://arxiv.org/abs/{arxiv}}}"))
        elif entry_type == "techreport":
            fields.append(("institution", "{" + rng.choice(INSTITUTIONS) + "}"))
            fields.append(("number", f"{{TR-{year}-{rng.randint(1, 99):02d}}}"))
            fields.append(("url", f"{{https://reports.example.org/{year}/{slug}.pdf}}"))
        elif entry_type == "book":
            fields.append(("publisher", rng.choice(PUBLISHERS)))
            fields.append(("address", "{" + rng.choice(("Cambridge, MA", "Berlin", "Cham")) + "}"))
            fields.append(
                (
                    "isbn",
                    f"{{978-{rng.randint(0, 9)}-{rng.randint(100, 999)}-"
                    f"{rng.randint(10000, 99999)}-{rng.randint(0, 9)}}}",
                )
            )
            fields.append(("doi", "{" + self.doi(year, "book") + "}"))
        else:  # phdthesis
            fields.append(("school", "{" + rng.choice(SCHOOLS) + "}"))
            fields.append(("url", f"{{https://theses.example.org/{slug}}}"))
        if not inherited:
            fields.append(("year", "{" + str(year) + "}"))
        if rng.random() < 0.6:
            fields.append(("month", rng.choice(MONTHS)))
        if entry_type == "misc" or (arxiv and rng.random() < 0.4):
            fields.append(("eprint", "{" + arxiv + "}"))
            fields.append(("archivePrefix", "{arXiv}"))
            fields.append(("primaryClass", "{" + rng.choice(ARXIV_CLASSES) + "}"))
        if rng.random() < 0.25:
            fields.append(("code", f"{{https://github.com/{_ascii(authors[0])[:8]}/{slug}}}"))
        if owned and rng.random() < 0.3:
            fields.append(("pdf", f"{{https://papers.example.org/{key}.pdf}}"))
        if owned and rng.random() < 0.2:
            fields.append(("selected", "{true}"))
        if rng.random() < 0.85:
            fields.append(("abstract", "{" + self.abstract() + "}"))
        if rng.random() < 0.7:
            picked = rng.sample(KEYWORDS, rng.randint(2, 5))
            fields.append(("keywords", "{" + ", ".join(picked) + "}"))
        width = max(len(name) for name, _ in fields)
        body = ",\n".join(f"  {name:<{width}} = {value}" for name, value in fields)
        return key, f"@{entry_type}{{{key},\n{body}\n}}\n", owned


def _proceedings(key: str, macro: str, year: int) -> str:
    return (
        f"@proceedings{{{key},\n"
        f"  title     = {macro} # {{ {year}}},\n"
        f"  booktitle = {macro} # {{ {year}}},\n"
        f"  year      = {{{year}}}\n}}\n"
    )


def generate(entries: int, seed: int = DEFAULT_SEED) -> Bibliography:
    """A database of ``entries`` entries (and the proceedings some of them crossref); the
    same arguments always give the same text."""
    generator = _Generator(seed)
    header = f"% A generated publications database: {entries} entries, seed {seed}.\n"
    strings = "".join(f'@string{{{name} = "{value}"}}\n' for name, value in STRINGS)
    bibliography = Bibliography(text="")
    parts = []
    for _ in range(entries):
        key, text, owned = generator.entry()
        parts.append(text)
        bibliography.keys.append(key)
        if owned:
            bibliography.owner_keys.append(key)
    volumes = [generator.proceedings[key] for key in sorted(generator.proceedings)]
    bibliography.files = {
        "strings.bib": header + strings,
        "publications.bib": "\n".join(parts),
        "proceedings.bib": "\n".join(volumes),
    }
    bibliography.text = "\n".join(bibliography.files.values())
    return bibliography


def edit_title(text: str, key: str, suffix: str) -> str:
    """``text`` with ``suffix`` appended to the title of the entry ``key``."""
    start = re.search(r"^@\w+\{" + re.escape(key) + ",\n", text, re.MULTILINE)
    if start is None:
        raise KeyError(key)
    title = re.compile(r"^(  title\s*= \{.*)\},?$", re.MULTILINE)
    line = title.search(text, start.end())
    if line is None:
        raise KeyError(key)
    before, after = text[: line.end(1)], text[line.end(1) :]
    return before + suffix + after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("entries", type=int, help="number of entries")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    text = generate(args.entries, args.seed).text
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
