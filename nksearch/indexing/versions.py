"""What an index is made with: the version a sync and a search check first.

Kept apart from the schema so that checking an index's version, which
every sync does, loads neither Whoosh nor the page readers.
"""

from __future__ import annotations

from nksearch.analysis.stemmer import RULES_VERSION

#: Bump when fields change, or when a class pickled into the schema moves, or
#: when what a field holds changes (3: bodies without the corpus's
#: boilerplate; 4: outlets, entities and near-duplicate sketches; 5: no
#: document cache beside the segments, so an older index's is removed by the
#: rebuild this forces; 6: the counts of recurring lines and the stem cache
#: in their present formats); with the analysis rules it forms the index version.
SCHEMA_VERSION = 6
#: What ``CURRENT.json`` records: an index of another version is rebuilt.
INDEX_VERSION = f"{SCHEMA_VERSION}.{RULES_VERSION}"
