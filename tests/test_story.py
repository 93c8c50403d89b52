"""Following a story: more like this, near duplicates, timelines, facets, entities."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nksearch
from nksearch.analysis import shingles
from nksearch.analysis.entities import extract
from nksearch.cli.commands import app
from nksearch.errors import DocumentNotFound, UsageError
from nksearch.search import duplicates, timeline
from nksearch.search.index import Index

S000, S001, S002 = (
    "000_c7cea75aa3edd05e.txt",
    "001_63c42fef90ae31eb.txt",
    "002_dbd056f822f32af2.txt",
)
S003, S004 = "003_b561e05cfa5aa674.txt", "004_24ba11577c6bdac0.txt"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def where(built: tuple[Path, Path]) -> list[str]:
    return ["--corpus", str(built[0]), "--index", str(built[1])]


# -- more like this ------------------------------------------------------------------


def test_the_same_days_moscow_talks_are_each_others_first_answer(seed_index: Index) -> None:
    assert seed_index.similar(S001).hits[0].path == S002
    assert seed_index.similar(S002).hits[0].path == S001


def test_similar_leaves_the_article_out_and_answers_every_other(seed_index: Index) -> None:
    found = seed_index.similar(S003, limit=10)
    assert found.query == S003
    assert sorted(h.path for h in found.hits) == sorted([S000, S001, S002, S004])
    assert [h.score for h in found.hits] == sorted((h.score for h in found.hits), reverse=True)
    assert len(seed_index.similar(S003, limit=2).hits) == 2


def test_similar_refuses_an_unknown_path_and_a_bad_limit(seed_index: Index) -> None:
    with pytest.raises(DocumentNotFound):
        seed_index.similar("nope.txt")
    with pytest.raises(UsageError):
        seed_index.similar(S001, limit=0)


def test_similar_json_has_the_shape_of_query(seed_folders: tuple[Path, Path]) -> None:
    code, out, err = run("similar", S001, "--json", "-n", "2", *where(seed_folders))
    assert code == 0, err
    data = json.loads(out)
    code, out, _ = run("query", "Armenia", "--json", *where(seed_folders))
    assert set(data) == set(json.loads(out))
    assert data["query"] == S001
    assert [h["path"] for h in data["hits"]][:1] == [S002]
    assert set(data["hits"][0]) == {
        "path",
        "title",
        "date",
        "source",
        "score",
        "snippet",
        "matches",
    }


def test_similar_of_a_missing_file_is_a_usage_error(built: tuple[Path, Path]) -> None:
    code, out, err = run("similar", "nope.txt", *where(built))
    assert (code, out) == (2, "")
    assert "'nope.txt' is not in the index" in err
    (built[0] / "baru.txt").write_text("Putin dan Lavrov di Moskow.\n", encoding="utf-8")
    code, out, err = run("similar", "baru.txt", *where(built))
    assert (code, out) == (2, "")
    assert "'baru.txt' is not indexed yet" in err
    assert "nksearch index" in err


# -- near duplicates ---------------------------------------------------------------


@pytest.fixture
def copies(read_only_index: Callable[..., tuple[Path, Path]]) -> tuple[Path, Path]:
    """The seeds plus a re-punctuated copy of 001 and an edited copy of 002 (read only)."""
    text = (SEEDS / S001).read_text(encoding="utf-8")
    edited = (SEEDS / S002).read_text(encoding="utf-8")
    edited = edited.replace("Moskow", "Moscow", 1).replace("perang", "pertempuran", 1)
    return read_only_index(
        {
            "copy_case.txt": text.upper().replace(",", " ,"),
            "copy_edit.txt": "Republished by a wire service\n\n" + edited,
        },
        seeds=True,
    )


def test_duplicates_groups_copies_and_edited_copies(copies: tuple[Path, Path]) -> None:
    with nksearch.open_index(copies[1]) as idx:
        groups = idx.duplicates()
    assert sorted(sorted(g) for g in groups) == [[S001, "copy_case.txt"], [S002, "copy_edit.txt"]]


def test_duplicates_json(copies: tuple[Path, Path]) -> None:
    code, out, err = run("duplicates", "--json", *where(copies))
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["groups"]
    assert sorted(sorted(g) for g in data["groups"]) == [
        [S001, "copy_case.txt"],
        [S002, "copy_edit.txt"],
    ]


def test_seeds_have_no_near_duplicates(seed_index: Index) -> None:
    assert seed_index.duplicates() == []


def test_group_folds_a_story_into_its_first_hit(copies: tuple[Path, Path]) -> None:
    code, out, err = run("query", "Lavrov Moskow", "--group", "--json", *where(copies))
    assert code == 0, err
    hits = json.loads(out)["hits"]
    paths = [h["path"] for h in hits]
    assert not ({S001, "copy_case.txt"} <= set(paths))
    folded = {h["path"]: h["also"] for h in hits}
    first = S001 if S001 in folded else "copy_case.txt"
    other = "copy_case.txt" if first == S001 else S001
    assert [a["path"] for a in folded[first]] == [other]
    assert set(folded[first][0]) == {"path", "title", "date", "source"}
    assert all("also" in h for h in hits)


def test_without_group_hits_have_no_also(copies: tuple[Path, Path]) -> None:
    code, out, _ = run("query", "Lavrov Moskow", "--json", *where(copies))
    assert code == 0
    hits = json.loads(out)["hits"]
    assert {S001, "copy_case.txt"} <= {h["path"] for h in hits}
    assert all("also" not in h for h in hits)


def test_group_in_human_output_names_the_other_articles(copies: tuple[Path, Path]) -> None:
    code, out, _ = run("query", "Lavrov Moskow", "--group", *where(copies))
    assert code == 0
    assert "+1 other article" in out


def test_sketch_similarity_is_exact_for_short_texts() -> None:
    a = shingles.unpack(shingles.sketch("satu dua tiga empat lima"))
    b = shingles.unpack(shingles.sketch("Satu, dua  TIGA empat lima!"))
    c = shingles.unpack(shingles.sketch("satu dua tiga empat enam"))
    assert shingles.similarity(a, b) == 1.0
    assert shingles.similarity(a, c) == pytest.approx(2 / 4)
    assert shingles.unpack(b"garbage") == ()  # not a multiple of 4 bytes
    assert duplicates.groups([a, b, c, ()]) == [[0, 1, 2]]


# -- timeline ------------------------------------------------------------------------


def test_timeline_counts_every_match_by_period(seed_index: Index) -> None:
    by_year = seed_index.timeline("Armenia", by="year")
    assert by_year.to_dict() == {
        "query": "Armenia",
        "by": "year",
        "buckets": [["2020", 3], ["2021", 1]],
        "undated": 1,
    }
    by_month = seed_index.timeline("Armenia", by="month")
    assert by_month.buckets[:3] == (("2020-10", 2), ("2020-11", 1), ("2020-12", 0))
    assert by_month.buckets[-1] == ("2021-11", 1)
    assert len(by_month.buckets) == 14
    assert seed_index.timeline(
        "Armenia", by="day", since="2020-10-01", until="2020-10-31"
    ).buckets == (("2020-10-09", 2),)
    assert seed_index.timeline("Armenia", by="week", source="tempo").buckets == (("2020-W45", 1),)


def test_timeline_refuses_an_unknown_period(seed_index: Index) -> None:
    with pytest.raises(UsageError):
        seed_index.timeline("Armenia", by="decade")


def test_period_ranges() -> None:
    assert timeline.period_range("2020-02", "month") == ("2020-02-01", "2020-02-29")
    assert timeline.period_range("2020-W41", "week") == ("2020-10-05", "2020-10-11")
    assert timeline.bucket("2020-10-09", "week") == "2020-W41"


def test_timeline_cli_json_and_chart(seed_folders: tuple[Path, Path]) -> None:
    code, out, err = run("timeline", "Armenia", "--by", "year", "--json", *where(seed_folders))
    assert code == 0, err
    assert json.loads(out) == {
        "query": "Armenia",
        "by": "year",
        "buckets": [["2020", 3], ["2021", 1]],
        "undated": 1,
    }
    code, out, err = run("timeline", "Armenia", "--by", "year", *where(seed_folders))
    assert out.splitlines() == ["2020 " + "█" * 50 + " 3", "2021 " + "█" * 17 + " 1"]
    assert "\x1b" not in out
    assert err == "4 dated articles, 1 undated\n"
    code, out, err = run("timeline", "Armenia", "--by", "decade", *where(seed_folders))
    assert (code, out) == (2, "")
    code, _, _ = run("timeline", "zzzqqq", *where(seed_folders))
    assert code == 1


# -- facets and entities ----------------------------------------------------------------


def test_armenia_facets(seed_index: Index) -> None:
    facets = seed_index.search("Armenia", facets=True).facets
    assert facets is not None
    assert facets.source == (("SINDOnews", 2), ("Tempo", 1), ("medcom.id", 1))
    assert facets.month == (("2020-10", 2), ("2020-11", 1), ("2021-11", 1))
    people = dict(facets.person)
    assert people["Vladimir Putin"] == 5
    assert people["Nikol Pashinyan"] == 4  # 000 names him "Pashinyan" only
    assert {"Ilham Aliyev", "Sergei Lavrov"} <= set(people)
    places = dict(facets.place)
    assert {"Sochi", "Moskow", "Nagorno-Karabakh"} <= set(places)
    assert places["Amerika Serikat"] == 3  # "AS" counted with it
    assert {"Kremlin", "PBB", "OSCE Minsk Group"} <= {name for name, _n in facets.organization}
    assert seed_index.search("Armenia").facets is None


def test_facets_json_shape(seed_folders: tuple[Path, Path]) -> None:
    code, out, err = run("query", "Armenia", "--facets", "--json", *where(seed_folders))
    assert code == 0, err
    facets = json.loads(out)["facets"]
    assert list(facets) == ["source", "month", "person", "place", "organization"]
    assert facets["source"] == [["SINDOnews", 2], ["Tempo", 1], ["medcom.id", 1]]
    code, out, _ = run("query", "Armenia", "--json", *where(seed_folders))
    assert "facets" not in json.loads(out)


def test_facet_values_filter_a_search(seed_index: Index) -> None:
    assert seed_index.search("Armenia", where={"person": "Sergei Lavrov"}).total == 2
    assert seed_index.search("Armenia", where={"source": "SINDOnews"}).total == 2
    assert seed_index.search("Armenia", where={"month": "2020-10"}).total == 2
    assert seed_index.search("Armenia", where={"place": "nagorno karabakh"}).total == 5
    with pytest.raises(UsageError):
        seed_index.search("Armenia", where={"month": "2020-13"})
    with pytest.raises(UsageError):
        seed_index.search("Armenia", where={"colour": "red"})


def test_titles_months_chrome_and_outlets_are_never_people() -> None:
    found = extract(
        "Presiden Tiba di Bandung",
        "JAKARTA - Presiden mengatakan pada Senin bahwa Oktober cerah, kata Presiden.\n"
        "Foto: AFP\nBaca juga: Kompas\nMenurut Tempo, Menteri Keuangan Sri Mulyani hadir.\n"
        "Ia tiba di Kota Bandung dari Surabaya.",
    )
    assert found.person == ("Sri Mulyani",)
    assert found.place[:1] == ("Jakarta",)
    assert {"Bandung", "Surabaya"} <= set(found.place)
    assert "AFP" not in found.organization


def test_entities_survive_hostile_text() -> None:
    found = extract("", "\x1b[31mkata \x00Putin\x07 di Moskow\x1b]0;x\n" + "A " * 5000 + "| di ||")
    names = found.person + found.place + found.organization
    assert "Moskow" in found.place
    assert all(ch.isprintable() for name in names for ch in name)
    assert extract("", "") == extract("", " \n ")


def test_index_made_before_entities_asks_for_a_rebuild(built: tuple[Path, Path]) -> None:
    meta = built[1] / "CURRENT.json"
    data = json.loads(meta.read_text())
    data["version"] = "3." + data["version"].split(".", 1)[1]  # made by schema 3
    meta.write_text(json.dumps(data))
    code, _, err = run("similar", S001, *where(built))
    assert code == 3
    assert "rebuild" in err


def test_seed_corpus_folder_unchanged(corpus: Path) -> None:
    assert sorted(p.name for p in corpus.iterdir()) == sorted(
        p.name for p in (Path(__file__).resolve().parent.parent / "seeds").iterdir()
    )
    shutil.rmtree(corpus)


def test_a_folded_copy_is_named_with_its_own_title_date_and_outlet(
    copies: tuple[Path, Path],
) -> None:
    with nksearch.open_index(copies[1]) as idx:
        hits = idx.search("Lavrov Moskow", group=True).hits
        first = next(h for h in hits if h.path in (S001, "copy_case.txt"))
        other = "copy_case.txt" if first.path == S001 else S001
        shown = idx.document(other)
    assert first.also is not None and len(first.also) == 1
    assert (first.also[0].path, first.also[0].title, first.also[0].date, first.also[0].source) == (
        other, shown.title, shown.date, shown.source,
    )  # fmt: skip
    assert shown.title and shown.date and shown.source  # all three are there to show


def test_a_group_of_copies_runs_from_the_oldest_date_then_by_path(
    read_only_index: Callable[..., tuple[Path, Path]],
) -> None:
    body = (SEEDS / S002).read_text(encoding="utf-8").split("\n", 1)[1]
    _corpus, index = read_only_index(
        {
            "b.txt": "---\ntitle: Salinan B\ndate: 2021-11-20\n---\n" + body,
            "a.txt": "---\ntitle: Salinan A\ndate: 2021-11-22\n---\n" + body,
            "c.txt": "---\ntitle: Salinan C\n---\n" + body,  # its dateline's date
        },
        seeds=True,
    )
    with nksearch.open_index(index) as idx:
        assert idx.duplicates() == [[S002, "c.txt", "b.txt", "a.txt"]]
