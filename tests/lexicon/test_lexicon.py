from pathlib import Path

from click.testing import CliRunner

from rasd.cli import main
from rasd.lexicon import load_lexicon
from rasd.lexicon.lint import lint
from rasd.lexicon.matcher import Matcher
from rasd.normalize import normalize


def write(folder: Path, kind: str, name: str, text: str) -> Path:
    (folder / kind).mkdir(parents=True, exist_ok=True)
    path = folder / kind / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_lexicons_lint_clean():
    problems = lint()
    assert not problems, "\n".join(map(str, problems[:30]))


def test_lint_reports_file_and_line(tmp_path):
    path = write(tmp_path, "actors", "bad.yaml", """kind: actors
entries:
  - id: actor.test_a
    name_en: A
    forms: [قسدية]
  - id: actor.test_b
    name_en: B
    forms: [قسدية, قسدية]
    valid_from: 2020-13-01
  - id: actor.test_c
    name_en: C
    forms: [ميم]
    valid_from: 2021-01-01
    valid_to: 2020-01-01
    acled_type: 12
""")
    problems = [p for p in lint([tmp_path]) if p.file == str(path)]
    text = "\n".join(map(str, problems))
    assert f"{path}:6: actor.test_b: form 'قسدية' listed twice" in text
    assert f"{path}:6: actor.test_b: valid_from '2020-13-01' is not an ISO date" in text
    assert "claimed by actor.test_a, actor.test_b" in text
    assert f"{path}:10: actor.test_c: valid_from 2021-01-01 is after valid_to 2020-01-01" in text
    assert "acled_type 12 should be an ACLED inter code 1-8" in text
    result = CliRunner().invoke(main, ["lexicon", "lint", "--lexicon-dir", str(tmp_path)])
    assert result.exit_code == 1 and f"{path}:10:" in result.output


def test_broken_yaml_is_a_problem_not_a_crash(tmp_path):
    path = write(tmp_path, "actors", "broken.yaml", "kind: actors\nentries:\n  - id: [unclosed\n")
    problems = [p for p in lint([tmp_path]) if p.file == str(path)]
    assert problems and problems[0].line >= 3


def test_user_folder_extends_and_overrides(tmp_path):
    write(tmp_path, "testkind", "mine.tsv", "id\tname_en\tforms\tcountry\n"
          "testkind.one\tOne\tواحد|وحيد\tSYR\ntestkind.two\tTwo\tاثنان\t\n")
    entries = {e.id: e for e in load_lexicon("testkind", [tmp_path])}
    assert entries["testkind.one"].forms == ["واحد", "وحيد"]
    assert entries["testkind.one"].attrs["country"] == "SYR"
    assert entries["testkind.one"].line == 2
    other = tmp_path / "other"
    write(other, "testkind", "override.yaml", "kind: testkind\nentries:\n  - id: testkind.one\n    name_en: Uno\n    forms: [واحد]\n")
    entries = {e.id: e for e in load_lexicon("testkind", [tmp_path, other])}
    assert entries["testkind.one"].name_en == "Uno" and "testkind.two" in entries


def test_validity_dates():
    from rasd.lexicon import LexiconEntry
    e = LexiconEntry("actor.x", "actors", "X", ["س"], valid_to="2024-12-08")
    assert e.valid_on("2024-01-01") and not e.valid_on("2025-01-01") and e.valid_on(None)


def _find(matcher, text):
    norm = normalize(text)
    return [(norm[m.start:m.end], m.payloads[0], m.prefix) for m in matcher.find(norm)]


def test_matcher_is_clitic_aware_and_respects_word_boundaries():
    m = Matcher()
    for form, payload in [("قسد", "sdf"), ("الحسكة", "hasakah"), ("القامشلي", "qamishli"),
                          ("الشرطة العسكرية الروسية", "rmp"), ("الروسية", "russia"), ("لبنان", "lebanon")]:
        m.add(form, payload)
    found = _find(m, "لقسد بالحسكة وللحسكة والقامشلي ضباط من الشرطة العسكرية الروسية في لبنان")
    assert [f[1] for f in found] == ["sdf", "hasakah", "hasakah", "qamishli", "rmp", "lebanon"]
    assert found[0][2] == "ل" and found[1][2] == "ب" and found[2][2] == "ولال"
    # inside longer unrelated words: no match
    assert _find(m, "قسدي مقسد الحسكاوي بلبنانيين") == []


def test_matcher_handles_quotes_and_diacritics():
    m = Matcher()
    m.add("قسد", "sdf")
    assert [f[1] for f in _find(m, "قوات “قسد” وقَسَد")] == ["sdf", "sdf"]


def test_a_cue_form_may_play_two_roles_but_not_one_role_twice():
    from rasd.lexicon import LexiconEntry
    from rasd.lexicon.lint import check_collisions

    def cue(id_, forms, **attrs):
        return LexiconEntry(id_, "cues", id_, forms, attrs=attrs, file="status.yaml", line=1)

    before = cue("cues.soon_before", ["قريبا"], where="before", status="future")
    after = cue("cues.soon_after", ["قريبا"], where="after", status="future")
    assert check_collisions([before, after], "cues") == []
    again = cue("cues.soon_again", ["قريباً"], where="before", status="future")  # the same form once normalized
    problems = check_collisions([before, after, again], "cues")
    assert [p.message for p in problems] == ["form 'قريبا' is claimed by cues.soon_again, cues.soon_before"]
    actors = [LexiconEntry("actor.a", "actors", "A", ["قسد"]), LexiconEntry("actor.b", "actors", "B", ["قسد"])]
    assert len(check_collisions(actors, "actors")) == 1  # actors have no roles: one form, one actor


def test_fast_yaml_parser_reads_the_shipped_lexicons_as_the_python_one_does():
    """The loader uses libyaml's parser when PyYAML has it; its entries (values and lines) must be
    exactly those of PyYAML's pure-Python parser with the same resolvers."""
    import yaml

    from rasd.lexicon import loader

    class PurePython(yaml.SafeLoader):
        yaml_implicit_resolvers = loader._Loader.yaml_implicit_resolvers

    files = sorted(Path(loader.__file__).parents[1].joinpath("data", "lexicons").rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=PurePython)
        root = yaml.compose(text, Loader=PurePython)
        lines = [node.start_mark.line + 1 for node in next(v for k, v in root.value if k.value == "entries").value]
        entries = loader.read_lexicon_file(path, "x")
        assert [e.line for e in entries] == lines, path
        assert [(e.id, e.forms, e.name_en, e.valid_from, e.valid_to, e.attrs) for e in entries] == [
            (str(raw["id"]), loader._forms(raw.get("forms")), raw.get("name_en"), loader._as_date(raw.get("valid_from")),
             loader._as_date(raw.get("valid_to")), {k: v for k, v in raw.items() if k not in loader.CORE_KEYS})
            for raw in data["entries"]], path
