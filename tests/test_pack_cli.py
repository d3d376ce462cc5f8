"""A coach's story with `companion pack` and `companion config`, run in-process: create a pack,
break it, fix it, build it, install it elsewhere and use its reflection."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from companion.context import Context
from companion.paths import Home
from tests.cli_helpers import one_line, run

DOCS = Path(__file__).resolve().parents[1] / "docs"
SUMMARY = (
    "acme-coaching 0.1.0: 1 reflection, 1 script, 1 card, 1 question bank; 0 errors, 0 warnings"
)
ITEMS = [
    {"kind": "reflection", "id": "end-of-week", "title": "End of the week", "prompts": 3},
    {
        "kind": "script",
        "id": "quick-check-in",
        "title": "Quick check-in",
        "steps": 2,
        "minutes": 15,
    },
    {"kind": "card", "id": "one-question", "title": "One good question"},
    {"kind": "questions", "id": "openers", "title": "Openers", "questions": 3, "groups": 2},
]
COUNTS = {"reflection": 1, "script": 1, "card": 1, "questions": 1}
LISTING = [
    "  reflection end-of-week: End of the week · 3 prompts",
    "  script     quick-check-in: Quick check-in · 2 steps, 15 min",
    "  card       one-question: One good question",
    "  questions  openers: Openers · 3 questions in 2 groups",
]
VALIDATED = "\n".join([*LISTING, SUMMARY]) + "\n"
UNKNOWN_ANSWER = "unknown answer kind 'banana'; use one of: scale, text, choice, tags, commitment"


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


@pytest.fixture(autouse=True)
def cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The coach works in tmp_path/work: `pack build` writes its zip here by default."""
    path = tmp_path / "work"
    path.mkdir()
    monkeypatch.chdir(path)
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def pack(capsys: pytest.CaptureFixture[str], cwd: Path) -> Path:
    """`companion pack new "Acme Coaching" --in WORK`, as the coach starts."""
    code, out, err = run(capsys, "pack", "new", "Acme Coaching", "--in", str(cwd))
    assert (code, err) == (0, "")
    root = cwd / "acme-coaching"
    assert out.splitlines()[0].startswith(f"Created {root}: ")
    return root


def break_pack(root: Path) -> tuple[Path, Path]:
    """An unknown frontmatter key in the script, an unknown answer kind in the reflection."""
    script = root / "scripts" / "quick-check-in.md"
    reflection = root / "reflections" / "end-of-week.md"
    replace_once(script, "minutes: 15\n", "minutes: 15\ncolour: blue\n")
    replace_once(reflection, "Answer: text\n", "Answer: banana\n")
    return script, reflection


def fix_pack(root: Path) -> None:
    replace_once(root / "scripts" / "quick-check-in.md", "colour: blue\n", "")
    replace_once(root / "reflections" / "end-of-week.md", "Answer: banana\n", "Answer: text\n")


def fresh_context(home: Path) -> Context:
    """What the next `companion` run sees: nothing cached from the commands before."""
    return Context(Home(home))


# -- new, validate, break, fix ----------------------------------------------------------------


def test_a_new_pack_validates_as_it_is(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    assert sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*.md")) == [
        "cards/one-question.md",
        "questions/openers.md",
        "reflections/end-of-week.md",
        "scripts/quick-check-in.md",
    ]

    code, out, err = run(capsys, "pack", "validate", str(pack))

    assert (code, err) == (0, "")
    assert out == VALIDATED


def test_pack_new_refuses_an_existing_folder(
    capsys: pytest.CaptureFixture[str], pack: Path, cwd: Path
) -> None:
    before = (pack / "pack.toml").read_bytes()

    code, out, err = run(capsys, "pack", "new", "Acme Coaching", "--in", str(cwd))

    assert (code, out) == (1, "")
    assert f"{pack} already exists" in one_line(err)
    assert (pack / "pack.toml").read_bytes() == before


def test_a_broken_pack_names_each_problem_with_its_line(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    script, reflection = break_pack(pack)

    code, out, err = run(capsys, "pack", "validate", str(pack))

    assert (code, err) == (1, "")
    *listing, summary = out.splitlines()
    problems = listing[3:]
    assert listing[:3] == [LISTING[0], *LISTING[2:]]  # the script is not read at all
    assert problems == [
        f"{reflection}:{line_of(reflection, 'Answer: banana')}: {UNKNOWN_ANSWER}",
        f"{script}:{line_of(script, 'colour: blue')}: unknown key 'colour' in frontmatter",
    ]
    assert line_of(script, "colour: blue") == 6  # the scaffold's frontmatter, plus one line
    assert summary.startswith("acme-coaching 0.1.0: ")
    assert summary.endswith("; 2 errors, 0 warnings")


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ('title = "Acme Coaching\n', "a quote that is never closed on its line"),
        (
            "title = Acme Coaching\n",
            'a value must be "quoted text", a number, true, false or a [list]',
        ),
        ('title = "Acme"\ntitle = "Again"\n', "this key is already set above"),
    ],
    ids=["unclosed-quote", "unquoted", "twice"],
)
def test_a_broken_pack_toml_is_named_by_file_and_line(
    capsys: pytest.CaptureFixture[str], pack: Path, broken: str, message: str
) -> None:
    manifest = pack / "pack.toml"
    replace_once(manifest, 'title = "Acme Coaching"\n', broken)
    line = broken.count("\n") + 1

    code, out, err = run(capsys, "pack", "validate", str(pack))

    assert (code, err) == (1, "")
    assert out.splitlines()[-2:] == [
        f"{manifest}:{line}: not valid TOML: {message}",
        f"{pack}: 1 reflection, 1 script, 1 card, 1 question bank; 1 error, 0 warnings",
    ]
    code, out, _ = run(capsys, "pack", "validate", "--json", str(pack))
    assert json.loads(out)["pack"] is None


def test_one_problem_is_counted_in_the_singular(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    replace_once(
        pack / "scripts" / "quick-check-in.md", "minutes: 15\n", "minutes: 15\ncolour: x\n"
    )

    code, out, _ = run(capsys, "pack", "validate", str(pack))

    assert code == 1
    assert out.splitlines()[-1].endswith("; 1 error, 0 warnings")


def test_a_broken_pack_as_json(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    script, reflection = break_pack(pack)

    code, out, err = run(capsys, "pack", "validate", "--json", str(pack))

    assert (code, err) == (1, "")
    report = json.loads(out)
    assert report["ok"] is False
    assert report["source"] == str(pack)
    assert report["pack"]["id"] == "acme-coaching"
    assert report["problems"] == [
        {
            "file": str(reflection),
            "line": line_of(reflection, "Answer: banana"),
            "severity": "error",
            "message": UNKNOWN_ANSWER,
        },
        {
            "file": str(script),
            "line": line_of(script, "colour: blue"),
            "severity": "error",
            "message": "unknown key 'colour' in frontmatter",
        },
    ]


def test_a_good_pack_as_json(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, err = run(capsys, "pack", "validate", "--json", str(pack))

    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["ok"], report["problems"], report["items"]) == (True, [], ITEMS)
    assert report["pack"]["version"] == "0.1.0"


def test_a_broken_pack_is_not_built(
    capsys: pytest.CaptureFixture[str], pack: Path, cwd: Path
) -> None:
    script, _ = break_pack(pack)

    code, out, err = run(capsys, "pack", "build", str(pack))

    assert (code, out) == (1, "")
    assert err.startswith(f"companion: error: {pack}: not built, 2 problems")
    assert f"{script}:6: unknown key 'colour' in frontmatter" in err.splitlines()
    assert not list(cwd.glob("*.zip"))


# -- build, install, use ----------------------------------------------------------------------


def test_build_is_reproducible_and_the_zip_validates(
    capsys: pytest.CaptureFixture[str], pack: Path, cwd: Path
) -> None:
    break_pack(pack)
    fix_pack(pack)

    code, out, err = run(capsys, "pack", "build", str(pack))

    assert (code, err) == (0, "")
    archive = cwd / "acme-coaching-0.1.0.zip"
    assert out.splitlines() == [
        SUMMARY,
        f"Built {archive}: share it; others install it with "
        "`companion pack install acme-coaching-0.1.0.zip`",
    ]
    first = archive.read_bytes()
    assert sorted(zipfile.ZipFile(archive).namelist()) == [
        "acme-coaching/cards/one-question.md",
        "acme-coaching/pack.toml",
        "acme-coaching/questions/openers.md",
        "acme-coaching/reflections/end-of-week.md",
        "acme-coaching/scripts/quick-check-in.md",
    ]

    for path in pack.rglob("*"):  # a later build, after the files were touched
        os.utime(path, (1_900_000_000, 1_900_000_000))
    assert run(capsys, "pack", "build", str(pack))[0] == 0
    assert archive.read_bytes() == first

    code, out, err = run(capsys, "pack", "validate", str(archive))
    assert (code, err, out) == (0, "", VALIDATED)


def test_build_to_a_chosen_file(
    capsys: pytest.CaptureFixture[str], pack: Path, tmp_path: Path, cwd: Path
) -> None:
    target = tmp_path / "shared" / "acme.zip"
    target.parent.mkdir()

    code, _, err = run(capsys, "pack", "build", str(pack), "-o", str(target))

    assert (code, err) == (0, "")
    assert zipfile.ZipFile(target).testzip() is None
    assert not list(cwd.glob("*.zip"))


def test_the_coach_story_install_and_use_the_reflection(
    capsys: pytest.CaptureFixture[str], pack: Path, cwd: Path, home: Path
) -> None:
    assert run(capsys, "pack", "build", str(pack))[0] == 0
    archive = cwd / "acme-coaching-0.1.0.zip"

    code, out, err = run(capsys, "--home", str(home), "pack", "install", str(archive))

    assert (code, err) == (0, "")
    target = home / "packs" / "acme-coaching"
    assert out.splitlines() == [
        f"Installed acme-coaching 0.1.0 into {target}",
        SUMMARY,
        "Use its reflection with `companion config reflection acme-coaching/end-of-week`.",
    ]

    code, out, err = run(capsys, "--home", str(home), "pack", "list", "--json")

    assert (code, err) == (0, "")
    rows = {row["id"]: row for row in json.loads(out)}
    assert list(rows) == ["essentials", "essentials-nl", "acme-coaching"]
    acme = rows["acme-coaching"]
    assert (acme["origin"], acme["version"], acme["path"]) == ("installed", "0.1.0", str(target))
    assert (acme["items"], acme["problems"]) == (COUNTS, [])
    assert rows["essentials"]["origin"] == "built-in"

    code, out, err = run(
        capsys, "--home", str(home), "config", "reflection", "acme-coaching/end-of-week"
    )

    assert (code, err) == (0, "")
    assert out == "reflection = 'acme-coaching/end-of-week'\n"
    context = fresh_context(home)
    assert context.settings.reflection == "acme-coaching/end-of-week"
    reflection = context.library.reflection(context.settings.reflection)
    assert reflection is not None
    assert (reflection.address, reflection.title) == (
        "acme-coaching/end-of-week",
        "End of the week",
    )
    assert [prompt.title for prompt in reflection.prompts] == [
        "How did the week feel?",
        "The conversation you are proudest of",
        "Next week I will",
    ]


def test_pack_list_in_plain_text(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, "--home", str(home), "pack", "list")

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[:4] for line in lines] == [
        ["essentials", "1.0.0", "en", "built-in"],
        ["essentials-nl", "1.0.0", "nl", "built-in"],
    ]
    assert all(line.endswith("; 0 errors, 0 warnings") for line in lines)


def test_a_reflection_that_does_not_exist_cannot_be_chosen(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, err = run(capsys, "--home", str(home), "config", "reflection", "acme/nothing")

    assert (code, out) == (1, "")
    assert one_line(err) == (
        "companion: error: no reflection 'acme/nothing' (see `companion pack list`)"
    )
    assert not Path(home, "settings.json").exists()


# -- config -------------------------------------------------------------------------------------


def test_config_language_changes_the_default_reflection(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    reflection = fresh_context(home).library.reflection()
    assert reflection is not None and reflection.address == "essentials/daily"

    code, out, err = run(capsys, "--home", str(home), "config", "language", "nl")

    assert (code, err, out) == (0, "", "language = 'nl'\n")
    reflection = fresh_context(home).library.reflection()
    assert reflection is not None
    assert reflection.address == "essentials-nl/daily"
    assert reflection.title == "Dagelijkse reflectie"
    assert run(capsys, "--home", str(home), "config", "language") == (0, "nl\n", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["language", "fr"], "'fr' is not a language Companion knows; use one of: en, nl"),
        (["language", "xx-yy"], "'xx-yy' is not a language Companion knows; use one of: en, nl"),
        (["theme", "nrd"], "'nrd' is not a theme Companion knows; use one of: textual-dark, "),
        (["nope"], "unknown setting 'nope'; settings: language, content_language, reflection"),
        (
            ["nope", "value"],
            "unknown setting 'nope'; settings: language, content_language, reflection",
        ),
        (["role", "boss"], "'boss' is not a valid role: who you are: rep, manager or coach"),
        (["role_asked", "true"], "unknown setting 'role_asked'"),
    ],
    ids=[
        "unknown-language",
        "bad-language",
        "unknown-theme",
        "unknown-key",
        "unknown-key-with-value",
        "unknown-role",
        "kept-by-the-app",
    ],
)
def test_config_refuses_what_it_cannot_use(
    capsys: pytest.CaptureFixture[str], home: Path, argv: list[str], message: str
) -> None:
    assert run(capsys, "--home", str(home), "config", "language", "en")[0] == 0  # else Dutch
    saved = (home / "settings.json").read_bytes()

    code, out, err = run(capsys, "--home", str(home), "config", *argv)

    assert (code, out) == (1, "")
    assert one_line(err).startswith(f"companion: error: {message}")
    assert (home / "settings.json").read_bytes() == saved
    assert fresh_context(home).settings.language == "en"


@pytest.mark.parametrize(
    "damage", [b"{not json", b'{"theme": "nord", "colour": "blue"}'], ids=["json", "key"]
)
def test_config_over_an_unreadable_settings_file_keeps_it_aside(
    capsys: pytest.CaptureFixture[str], home: Path, damage: bytes
) -> None:
    home.mkdir(mode=0o700)
    (home / "settings.json").write_bytes(damage)

    code, out, err = run(capsys, "--home", str(home), "config", "reflection", "essentials/daily")

    assert (code, err) == (0, "")
    [kept] = home.glob("settings.json.damaged-*")
    assert kept.read_bytes() == damage
    assert out.splitlines() == [
        f"warning: {home / 'settings.json'} could not be read, so it is kept as {kept.name}; "
        "the other settings are back to their defaults",
        "reflection = 'essentials/daily'",
    ]
    assert fresh_context(home).settings.reflection == "essentials/daily"
    assert fresh_context(home).settings_warning is None


def test_config_language_of_an_installed_pack_is_known(
    capsys: pytest.CaptureFixture[str], home: Path, pack: Path
) -> None:
    replace_once(pack / "pack.toml", 'language = "en"', 'language = "de"')
    assert run(capsys, "--home", str(home), "pack", "install", str(pack))[0] == 0

    assert run(capsys, "--home", str(home), "config", "language", "de") == (
        0,
        "language = 'de'\n",
        "",
    )


def test_config_theme_is_saved_for_the_app(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    assert run(capsys, "--home", str(home), "config", "theme", "nord") == (
        0,
        "theme = 'nord'\n",
        "",
    )
    assert fresh_context(home).saved_theme() == "nord"


def test_config_lists_the_settings(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, err = run(capsys, "--home", str(home), "config")

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "language = ''    # the interface's language and the content's, en or nl "
        "(empty: the locale's, LANG)",
        "content_language = ''    # content in another language than the interface, e.g. nl "
        "(or that of an installed pack; empty: as language)",
        "reflection = ''    # the reflection to use, e.g. essentials/daily (empty: the default)",
        "theme = ''    # the app's colours, e.g. textual-light or nord (empty: the default); "
        "choosing a theme in the app's palette (Ctrl+P) saves it",
        "role = ''    # who you are: rep, manager or coach; the card of the day is for you (empty: any)",
        "look_back_day = 'friday'    # the day home offers the weekly look back: monday to sunday "
        "(default friday)",
        "one_on_one_every_days = 14    # for a manager: home names whoever has had no 1:1 for "
        "longer than this many days (1 to 365, default 14)",
    ]

    run(capsys, "--home", str(home), "config", "reflection", "essentials/daily")
    code, out, _ = run(capsys, "--home", str(home), "config")

    assert out.splitlines()[2].startswith("reflection = 'essentials/daily'    # ")


# -- validate: files, missing paths, folders that are not packs ---------------------------------


def test_validate_one_markdown_file(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    card = pack / "cards" / "one-question.md"

    code, out, err = run(capsys, "pack", "validate", str(card))

    assert (code, err) == (0, "")
    assert out.endswith(": 1 card; 0 errors, 0 warnings\n")

    replace_once(card, "kind: card\n", "kind: card\ncolour: blue\n")
    code, out, err = run(capsys, "pack", "validate", str(card))

    assert (code, err) == (1, "")
    assert out.splitlines()[0] == f"{card}:3: unknown key 'colour' in frontmatter"


@pytest.mark.parametrize("name", ["nope", "nope.zip", "nope.md"])
def test_validate_a_missing_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    missing = tmp_path / name

    code, out, err = run(capsys, "pack", "validate", str(missing))

    assert (code, out) == (1, "")
    line = one_line(err)
    assert line.startswith(f"companion: error: {missing}: ")
    assert "no such file" in line.lower()


def test_validate_a_folder_without_pack_toml(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    (folder / "cards").mkdir(parents=True)
    (folder / "cards" / "idea.md").write_text("---\nkind: card\nid: idea\n---\n# Idea\n")

    code, out, err = run(capsys, "pack", "validate", str(folder))

    assert (code, out) == (1, "")
    assert one_line(err) == (
        f"companion: error: {folder}: no pack.toml here; is this a pack folder?"
    )


# -- links out of the pack ----------------------------------------------------------------------


@pytest.fixture
def linked_pack(pack: Path, tmp_path: Path) -> Path:
    """The pack with cards/secret.md a link to a (valid) card outside it."""
    secret = tmp_path / "secret.md"
    secret.write_text("---\nkind: card\nid: secret\n---\n# Private notes\n\nNot to share.\n")
    (pack / "cards" / "secret.md").symlink_to(secret)
    return pack / "cards" / "secret.md"


def test_build_refuses_a_link_out_of_the_pack(
    capsys: pytest.CaptureFixture[str], pack: Path, linked_pack: Path, cwd: Path
) -> None:
    code, out, err = run(capsys, "pack", "build", str(pack))

    assert (code, out) == (1, "")
    assert one_line(err) == f"companion: error: {linked_pack}: links are not allowed in a pack"
    assert not list(cwd.glob("*.zip"))


def test_install_refuses_a_link_out_of_the_pack(
    capsys: pytest.CaptureFixture[str], pack: Path, linked_pack: Path, home: Path
) -> None:
    code, out, err = run(capsys, "--home", str(home), "pack", "install", str(pack))

    assert (code, out) == (1, "")
    assert one_line(err) == f"companion: error: {linked_pack}: links are not allowed in a pack"
    assert not (home / "packs" / "acme-coaching").exists()
    assert "acme-coaching" not in fresh_context(home).library.packs


def test_install_a_pack_folder(capsys: pytest.CaptureFixture[str], pack: Path, home: Path) -> None:
    code, _, err = run(capsys, "--home", str(home), "pack", "install", str(pack))

    assert (code, err) == (0, "")
    installed = home / "packs" / "acme-coaching"
    assert sorted(p.relative_to(installed).as_posix() for p in installed.rglob("*.md")) == sorted(
        p.relative_to(pack).as_posix() for p in pack.rglob("*.md")
    )
    assert fresh_context(home).library.packs["acme-coaching"].origin == "installed"


# -- the published JSON Schemas -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "published"),
    [([], "frontmatter.schema.json"), (["manifest"], "pack.schema.json")],
    ids=["frontmatter", "manifest"],
)
def test_published_schemas_are_up_to_date(
    capsys: pytest.CaptureFixture[str], argv: list[str], published: str
) -> None:
    """Fails when the models change and docs/*.schema.json were not regenerated with
    `companion pack schema [manifest] > docs/...`."""
    code, out, err = run(capsys, "pack", "schema", *argv)

    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads((DOCS / published).read_text(encoding="utf-8"))
    assert out == (DOCS / published).read_text(encoding="utf-8")


def test_an_empty_language_follows_the_locale_again(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert run(capsys, "--home", str(home), "config", "language", "en")[0] == 0
    assert fresh_context(home).language == "en"

    assert run(capsys, "--home", str(home), "config", "language", "")[0] == 0

    assert fresh_context(home).settings.language == ""
    assert fresh_context(home).language == "nl"  # the content follows the locale's language


def test_config_content_language_is_checked_and_overrides_the_language(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert run(capsys, "--home", str(home), "config", "language", "en")[0] == 0
    code, _out, err = run(capsys, "--home", str(home), "config", "content_language", "fr")
    assert code == 1 and "'fr' is not a content_language Companion knows" in err

    assert run(capsys, "--home", str(home), "config", "content_language", "nl")[0] == 0

    context = fresh_context(home)
    assert (context.settings.language, context.language) == ("en", "nl")
