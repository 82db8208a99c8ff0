"""Corpus formats: one adapter per storage format (folder, WebDataset, JSONL, Parquet).

Each adapter lists shards, reads items (refusing hostile or broken ones with a reason, never raising
for them) and rewrites a shard without some items. `open_corpus` picks the adapter; `run_purge`
removes items crash-safely; `sniff_media_type` tells a media type from bytes.
"""

from ledger_app.corpus.base import (
    DEFAULT_LIMITS,
    SHARD_MEMBER,
    CorpusAdapter,
    Limits,
    RawItem,
    ShardAdapter,
    ShardRewrite,
    stat_sig,
)
from ledger_app.corpus.detect import FORMATS, detect_format, open_corpus
from ledger_app.corpus.purge import PurgeJournal, purge_shard, run_purge
from ledger_app.corpus.sniff import sniff_media_type

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "SHARD_MEMBER",
    "CorpusAdapter",
    "Limits",
    "PurgeJournal",
    "RawItem",
    "ShardAdapter",
    "ShardRewrite",
    "detect_format",
    "open_corpus",
    "purge_shard",
    "run_purge",
    "sniff_media_type",
    "stat_sig",
]
