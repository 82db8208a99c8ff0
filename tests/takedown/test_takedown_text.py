"""A news publisher's demand by article text, on JSONL shards: re-hosted copies and excerpts, Chinese."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq

ARTICLE = """City council approves harbour redevelopment after a decade of debate

The city council on Tuesday approved a plan to redevelop the old harbour district, ending more than ten
years of argument over the future of the waterfront. The plan, passed by 31 votes to 14, replaces the
disused container terminal with housing, a public park and a ferry landing.

Opponents said the council had ignored warnings about flooding. "We are building homes on land that the
sea will want back within fifty years," said councillor Marta Ibsen, who voted against the plan. The
city's engineers say new sea walls will protect the district for at least a century.

Construction is expected to begin next spring and to last seven years. The first 1,200 homes, a third of
them priced below market rates, should be ready by 2029. Local businesses welcomed the decision, saying
the ferry landing would bring visitors back to a part of the city that has been empty since the terminal
closed in 2011.

The plan still needs approval from the regional planning authority, which is expected to rule in March.
"""

REHOSTED = """HARBOUR PLAN PASSES — read more at aggregator.example
City council approves harbour redevelopment after a decade of debate

The city council on Tuesday approved a plan to redevelop the old harbour   district, ending more than ten years
of argument over the future of the waterfront. The plan, passed by 31 votes to 14, replaces the disused container
terminal with housing, a public park and a ferry landing.

Construction is expected to begin next spring and to last seven years. The first 1,200 homes, a third of them
priced below market rates, should be ready by 2030. Local businesses welcomed the decision, saying the ferry
landing would bring visitors back to a part of the city that has been empty since the terminal closed in 2011.

The plan still needs approval from the regional planning authority, which is expected to rule in March.
Copyright aggregator.example. Share this story.
"""

EXCERPT_IN_OTHER = """Weekly roundup. In other news this week, the football club signed a new goalkeeper and the library
extended its opening hours. Opponents said the council had ignored warnings about flooding. "We are building homes
on land that the sea will want back within fifty years," said councillor Marta Ibsen, who voted against the plan.
The city's engineers say new sea walls will protect the district for at least a century. Construction is expected
to begin next spring and to last seven years. Meanwhile the weather stayed mild and the farmers' market reopened."""

SAME_TOPIC = """Harbour district: what the redevelopment means for residents

Residents of the harbour district have mixed feelings about the council's redevelopment decision. Some welcome
new housing and a park on the old terminal site; others fear rising rents and flooding from the sea. The council
vote followed years of public meetings, and the regional planning authority will still review the plan. Ferry
services may return to the waterfront, and businesses hope visitors will follow the new homes."""

ZH_ARTICLE = ("市政府周二宣布，新的城市铁路线将于明年十月正式开通运营。这条线路全长三十二公里，共设二十个车站，"
              "连接机场与市中心。市交通局表示，开通后从机场到市中心的时间将从一个多小时缩短到二十五分钟。"
              "项目总投资约一百八十亿元，建设历时五年。部分居民担心施工噪音和票价问题，交通局回应称将推出学生和老人优惠票。")
ZH_COPY = "【转载】" + ZH_ARTICLE.replace("二十五分钟", "二十六分钟") + "本文来源于网络，如有侵权请联系删除。"
ZH_OTHER = ("市政府周二宣布，城市公园将进行改造。公园面积约三十公顷，改造后将新增儿童游乐区和运动场。"
            "市园林局表示，改造工程预计明年完成，届时市民可以在公园内骑自行车和跑步。部分居民担心施工期间无法使用公园。")


def write_news(root):
    root.mkdir()
    rows = [
        {"id": "orig", "text": ARTICLE, "url": "https://daily.example/harbour"},
        {"id": "copy", "text": REHOSTED, "url": "https://aggregator.example/harbour-plan"},
        {"id": "roundup", "text": EXCERPT_IN_OTHER, "url": "https://blog.example/roundup"},
        {"id": "topic", "text": SAME_TOPIC, "url": "https://other-paper.example/harbour-residents"},
    ]
    (root / "news-000.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    zh = [
        {"id": "zh1", "text": ZH_COPY, "url": "https://zh.example/rail"},
        {"id": "zh2", "text": ZH_OTHER, "url": "https://zh.example/park"},
    ]
    with gzip.open(root / "news-001.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(r, ensure_ascii=False) for r in zh) + "\n")


def test_article_copies_and_excerpts_are_found(services, tmp_path):
    root = tmp_path / "news"
    write_news(root)
    services.corpus.add_corpus("news", root)
    services.corpus.ingest("news", workers=1)
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily Example", requester_kind="news_publisher",
                         works=td.work_specs(texts=[ARTICLE])).id
    td.locate(rid)
    matches = {m["item_id"].split("=")[-1]: m for m in td.show(rid).matches}
    assert {"orig", "copy", "roundup"} <= set(matches)
    assert "topic" not in matches and "zh1" not in matches
    assert "Marta Ibsen" in matches["roundup"]["evidence"]["passage"]
    assert all(m["method"] in ("text", "exact") for m in matches.values())

    rid_zh = td.new_request(type="publisher", requester="Rail Daily", requester_kind="news_publisher",
                            works=td.work_specs(texts=[ZH_ARTICLE])).id
    td.locate(rid_zh)
    zh = {m["item_id"].split("=")[-1] for m in td.show(rid_zh).matches}
    assert zh == {"zh1"}

    # Purge the English copies: every other line of the JSONL shard stays byte-identical.
    before = (root / "news-000.jsonl").read_bytes().splitlines(keepends=True)
    td.review(rid, accept_all=True)
    td.approve(rid)
    services.legal.check_ownership(rid, "the publisher's archive entries with bylines and dates")
    services.purge(rid)
    after = (root / "news-000.jsonl").read_bytes().splitlines(keepends=True)
    assert after == [before[3]]
    # The gzip shard: the Chinese copy goes, the other record's line is unchanged.
    td.review(rid_zh, accept_all=True)
    td.approve(rid_zh)
    services.legal.check_ownership(rid_zh, "the publisher's archive entry for the article")
    services.purge(rid_zh)
    with gzip.open(root / "news-001.jsonl.gz", "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "zh2"
    assert services.ledger.verify().entries > 0


def test_parquet_and_folder_purges(services, tmp_path, photos):
    pq_root = tmp_path / "pq"
    pq_root.mkdir()
    table = pa.table({"id": ["p1", "p2", "p3"], "text": [ARTICLE, SAME_TOPIC, ZH_OTHER],
                      "url": ["https://a.example/1", "https://a.example/2", "https://a.example/3"]})
    pq.write_table(table, pq_root / "part-000.parquet")
    services.corpus.add_corpus("pq", pq_root)
    folder = tmp_path / "folder"
    folder.mkdir()
    for p in photos[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    services.corpus.add_corpus("folder", folder)
    services.corpus.ingest("pq", workers=1)
    services.corpus.ingest("folder", workers=1)
    td = services.takedown
    rid = td.new_request(type="other", requester="X", requester_kind="internal",
                         works=td.work_specs(hashes=[services.corpus.item("pq:part-000.parquet#id=p2").sha256],
                                             files=[photos[1]])).id
    td.locate(rid)
    got = {m["item_id"] for m in td.show(rid).matches}
    assert got == {"pq:part-000.parquet#id=p2", f"folder:{photos[1].name}"}
    td.review(rid, accept_all=True)
    td.approve(rid)
    services.purge(rid)
    assert pq.read_table(pq_root / "part-000.parquet").column("id").to_pylist() == ["p1", "p3"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in photos[:3] if p != photos[1])
    shards = {s.path: s.to_json() for s in td.show(rid).purge.shards}
    assert shards[photos[1].name]["sha256_after"] is None  # the file itself was deleted
