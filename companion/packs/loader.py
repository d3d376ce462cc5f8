"""Turn one content file, or one pack folder, into models plus a list of problems.

Nothing here raises on bad content: every problem is collected with its file and line, so one
broken file never hides the rest of a pack.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from companion.errors import validation_message
from companion.i18n import N_, _
from companion.models.content import ContentItem, Frontmatter, PackManifest, slugify
from companion.packs import questions
from companion.packs.frontmatter import clean_strings, split_frontmatter
from companion.packs.kinds import BY_KIND
from companion.packs.problems import ContentError, Problem
from companion.packs.source import Source
from companion.packs.text import BOM, MAX_FILE_BYTES, line_of_offset
from companion.packs.walk import sorted_tree
from companion.text_safety import may_hold_controls, strip_controls

if TYPE_CHECKING:
    from companion.packs.item_cache import ItemCache

MANIFEST = "pack.toml"
DOC_FILES = re.compile(r"^(readme|changelog|license|licence|contributing)\b", re.IGNORECASE)


@dataclass
class Pack:
    """A loaded pack: its manifest, the items that loaded, and what went wrong."""

    manifest: PackManifest
    root: Path
    origin: str  # "built-in", "installed" or "package NAME"
    items: dict[str, ContentItem] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def manifest_read(self) -> bool:
        """False when pack.toml is missing or broken: the manifest is then a stand-in."""
        manifest = self.root / MANIFEST
        return not any(p.path == manifest for p in self.errors)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file as clean text, or None with a problem saying why not."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # enough to know it is too long
    except OSError as error:
        problems.append(
            Problem(
                path, 1, _("cannot read the file ({reason})").format(reason=error.strerror or error)
            )
        )
        return None
    if len(raw) > MAX_FILE_BYTES:
        too_big = _("file is larger than {size} KB").format(size=MAX_FILE_BYTES // 1024)
        problems.append(Problem(path, 1, too_big))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = line_of_offset(raw, error.start)
        problems.append(Problem(path, line, _("not UTF-8 text: save the file as UTF-8")))
        return None
    if text.startswith(BOM):
        problems.append(
            Problem(
                path, 1, _("starts with a byte-order mark; save as UTF-8 without BOM"), "warning"
            )
        )
        text = text[1:]
    return strip_controls(text) if may_hold_controls(raw) else text


def _frontmatter_problems(
    error: ValidationError, path: Path, key_lines: dict[str, int]
) -> list[Problem]:
    problems = []
    for detail in error.errors():
        key = str(detail["loc"][0]) if detail["loc"] else ""
        line = key_lines.get(key, 1)
        if detail["type"] == "extra_forbidden":
            message = _("unknown key {key} in frontmatter").format(key=repr(key))
        elif detail["type"] == "missing":
            message = _("frontmatter needs '{key}:'").format(key=key)
        else:
            message = f"{key}: {validation_message(detail)}"
        problems.append(Problem(path, line, message))
    return problems


def parse_item(
    path: Path, text: str, pack: PackManifest
) -> tuple[ContentItem | None, list[Problem]]:
    """One content file's text -> its item (or None) and its problems."""
    if is_plain_question_list(path, text):
        return parse_plain_questions(path, text, pack)
    try:
        split = split_frontmatter(text, path)
        front = Frontmatter.model_validate(split.data)
    except ContentError as error:
        return None, error.problems
    except ValidationError as error:
        return None, _frontmatter_problems(error, path, split.key_lines)
    source = Source(path, split.body, split.body_line, front)
    title = front.title or next((s.title for s in source.sections if s.level == 1), "")
    if not title:
        return None, [Problem(path, split.body_line, _("no title: add 'title:' or a '# ' heading"))]
    source.base = {
        "id": front.id,
        "pack": pack.id,
        "title": title,
        "description": front.description,
        "language": pack.language,
        "audience": front.audience,
        "minutes": front.minutes,
        "tags": tuple(front.tags),
        "source": str(path),
    }
    try:
        return BY_KIND[front.kind].parse(source), source.problems
    except ValidationError as error:
        detail = validation_message(error.errors()[0]).removeprefix("Value error, ")
        return None, [*source.problems, Problem(path, split.body_line, detail)]


def is_plain_question_list(path: Path, text: str) -> bool:
    """A markdown file without frontmatter in a `questions/` folder: a list someone else wrote,
    taken as it is (the id comes from the file name, the title from its first heading)."""
    return path.parent.name == "questions" and not text.startswith("---")


def parse_plain_questions(
    path: Path, text: str, pack: PackManifest
) -> tuple[ContentItem | None, list[Problem]]:
    source = Source(path, text, 1)
    title = next((s.title for s in source.sections if s.level == 1), path.stem)
    source.base = {
        "id": slugify(path.stem),
        "pack": pack.id,
        "title": title,
        "language": pack.language,
        "audience": "manager",
        "source": str(path),
    }
    return questions.parse(source), source.problems


def load_item(path: Path, pack: PackManifest) -> tuple[ContentItem | None, list[Problem]]:
    problems: list[Problem] = []
    text = read_text(path, problems)
    if text is None:
        return None, problems
    try:
        item, more = parse_item(path, text, pack)
    except Exception as error:  # a parser bug must never hide the rest of the pack
        reason = f"{type(error).__name__}: {error}".splitlines()[0]
        unread = _("could not read this file ({reason})").format(reason=reason)
        return None, [*problems, Problem(path, 1, unread)]
    return item, problems + more


def load_manifest(root: Path) -> tuple[PackManifest, list[Problem]]:
    """The manifest, or a stand-in named after the folder (so its items still show)."""
    path = root / MANIFEST
    fallback = PackManifest(id=_folder_id(root), title=root.name, version="0")
    problems: list[Problem] = []
    text = read_text(path, problems) if path.is_file() else None
    if text is None:
        if not problems:
            problems.append(
                Problem(
                    path,
                    1,
                    _("missing {file}: a pack needs id, title and version").format(file=MANIFEST),
                )
            )
        return fallback, problems
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return fallback, [_toml_problem(error, path, text)]
    data = clean_strings(data)
    try:
        return PackManifest.model_validate(data), problems
    except ValidationError as error:
        lines = {key: _toml_key_line(text, key) for key in data}
        return fallback, problems + _frontmatter_problems(error, path, lines)


# tomllib's words for the usual mistakes -> plain ones (its position is given as the line).
PLAIN_TOML_ERRORS = {
    "Illegal character '\\n'": N_("a quote that is never closed on its line"),
    "Unterminated string": N_("a quote that is never closed"),
    'Expected "\'"': N_("a quote that is never closed"),
    "Invalid value": N_('a value must be "quoted text", a number, true, false or a [list]'),
    "Cannot overwrite a value": N_("this key is already set above"),
    "Expected '=' after a key": N_("this line is not 'key = value'"),
    "Unclosed array": N_("a '[' list that is never closed with ']'"),
    "Unclosed inline table": N_("a '{' that is never closed with '}'"),
}
TOML_POSITION = re.compile(r" \((?:at line (\d+), column \d+|at end of document)\)$")


def _toml_problem(error: tomllib.TOMLDecodeError, path: Path, text: str) -> Problem:
    said = str(error)
    position = TOML_POSITION.search(said)
    if position is None:
        line = 1
    else:
        line = int(position.group(1) or text.rstrip("\n").count("\n") + 1)
        said = said[: position.start()]
    plain = next(
        (_(words) for start, words in PLAIN_TOML_ERRORS.items() if said.startswith(start)), said
    )
    return Problem(path, line, _("not valid TOML: {problem}").format(problem=plain))


def _toml_key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def _folder_id(root: Path) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", root.name.lower()).strip("-._")
    return slug[:64] or "pack"


def content_files(root: Path, problems: list[Problem]) -> list[Path]:
    """The pack's markdown files, a folder's own files before its subfolders, each in name
    order. A link is refused, never followed: it could lead out of the pack."""
    found: list[Path] = []
    for entry in sorted_tree(root, enter=lambda folder: not folder.name.startswith(".")):
        path = Path(entry.path)
        is_content = entry.name.lower().endswith(".md") and not DOC_FILES.match(entry.name)
        if entry.is_symlink():
            if is_content or entry.is_dir():
                problems.append(Problem(path, 1, _("links are not allowed in a pack")))
        elif is_content and entry.is_file():
            found.append(path)
        elif is_content and not entry.is_dir():  # a fifo or a device: it could block a read
            problems.append(Problem(path, 1, _("not a regular file")))
    return found


def load_pack(root: Path, origin: str, cache: ItemCache | None = None) -> Pack:
    """Every item of the pack at `root`, and every problem; items of files unchanged since
    they were last parsed come from `cache` if one is given."""
    manifest, problems = load_manifest(root)
    pack = Pack(manifest=manifest, root=root, origin=origin, problems=problems)
    manifest_key = manifest.model_dump_json()
    for path in content_files(root, pack.problems):
        parsed = cache.get(path, manifest_key) if cache is not None else None
        if parsed is None:
            parsed = load_item(path, manifest)
            if cache is not None:
                cache.put(path, manifest_key, parsed)
        item, item_problems = parsed
        pack.problems += item_problems
        if item is None:
            continue
        if item.id in pack.items:
            first = pack.items[item.id].source
            taken = _("id {id} is already used by {file}").format(id=repr(item.id), file=first)
            pack.problems.append(Problem(path, 1, taken))
            continue
        pack.items[item.id] = item
    return pack
